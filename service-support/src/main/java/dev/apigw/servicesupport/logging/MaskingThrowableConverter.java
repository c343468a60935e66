package dev.apigw.servicesupport.logging;

import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.apigw.keycore.SecretMasking;

/**
 * Logback's {@code %ex} and {@code %xEx}, with API keys, JWTs and bearer credentials masked anywhere in
 * the rendered text: the message of the throwable, of every cause and of every suppressed exception.
 */
public class MaskingThrowableConverter extends ExtendedThrowableProxyConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return SecretMasking.mask(super.convert(event));
    }
}
