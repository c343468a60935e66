package dev.apigw.servicesupport.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.CoreConstants;

/**
 * Spring Boot's {@code %wEx} (a throwable set apart by line separators), masked like
 * {@link MaskingThrowableConverter}: Spring Boot's console pattern ends with it.
 */
public class MaskingWhitespaceThrowableConverter extends MaskingThrowableConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy throwable) {
        return CoreConstants.LINE_SEPARATOR + super.throwableProxyToString(throwable) + CoreConstants.LINE_SEPARATOR;
    }
}
