package dev.apigw.servicesupport.logging;

import ch.qos.logback.classic.pattern.RootCauseFirstThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.apigw.keycore.SecretMasking;

/** Logback's {@code %rEx} (root cause first), masked like {@link MaskingThrowableConverter}. */
public class MaskingRootCauseFirstThrowableConverter extends RootCauseFirstThrowableProxyConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return SecretMasking.mask(super.convert(event));
    }
}
