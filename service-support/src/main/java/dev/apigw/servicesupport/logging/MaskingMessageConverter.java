package dev.apigw.servicesupport.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.apigw.keycore.SecretMasking;

/** Logback's {@code %m}, with API keys, JWTs and bearer credentials masked. */
public class MaskingMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return SecretMasking.mask(super.convert(event));
    }
}
