package dev.apigw.servicesupport.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.apigw.keycore.GeneratedKey;
import dev.apigw.keycore.KeyFormat;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Issue #21: secrets in a throwable's message and stack trace were logged unmasked. */
class MaskingConvertersTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl";

    private final LoggerContext context = new LoggerContext();
    private final GeneratedKey key = KeyFormat.defaults().generate();
    private final String secret = key.value().substring(key.displayPrefix().length());

    @Test
    void messageConverterMasksAKeyGluedToTextInTheMessageAndItsArguments() {
        String text = render(
                new MaskingMessageConverter(),
                event("x" + key.value() + "y and {}", null, "(" + key.value() + ")" + JWT));

        assertThat(text)
                .doesNotContain(secret)
                .doesNotContain("c2lnbmF0dXJl")
                .startsWith("x" + key.displayPrefix() + "…[masked] and (" + key.displayPrefix() + "…[masked])");
    }

    @Test
    void throwableConverterMasksTheMessageOfTheThrowableItsCausesAndSuppressedExceptions() {
        IllegalStateException error = new IllegalStateException(
                "bad key x" + key.value() + "y",
                new IllegalArgumentException("cause: " + key.value(), new RuntimeException("root: Bearer " + JWT)));
        error.addSuppressed(new RuntimeException("suppressed:" + key.value()));

        String text = render(new MaskingThrowableConverter(), event("failed", error));

        assertThat(text)
                .doesNotContain(secret)
                .doesNotContain("c2lnbmF0dXJl")
                .contains("java.lang.IllegalStateException: bad key x" + key.displayPrefix() + "…[masked]"
                        + System.lineSeparator())
                .contains("Caused by: java.lang.IllegalArgumentException: cause: " + key.displayPrefix() + "…[masked]")
                .contains("Suppressed: java.lang.RuntimeException: suppressed:" + key.displayPrefix())
                .contains("Caused by: java.lang.RuntimeException: root: Bearer [masked]")
                .contains("at dev.apigw.servicesupport.logging.MaskingConvertersTest");
    }

    @Test
    void whitespaceThrowableConverterMasksAndSetsTheTraceApart() {
        String text = render(
                new MaskingWhitespaceThrowableConverter(), event("failed", new IllegalStateException(key.value())));

        assertThat(text)
                .doesNotContain(secret)
                .startsWith(System.lineSeparator() + "java.lang.IllegalStateException: " + key.displayPrefix()
                        + "…[masked]")
                .endsWith(System.lineSeparator());
        assertThat(render(new MaskingWhitespaceThrowableConverter(), event("no throwable", null)))
                .isEmpty();
    }

    @Test
    void rootCauseFirstConverterMasksToo() {
        String text = render(
                new MaskingRootCauseFirstThrowableConverter(),
                event("failed", new IllegalStateException("top", new RuntimeException("root " + key.value()))));

        assertThat(text).doesNotContain(secret).contains("root " + key.displayPrefix() + "…[masked]");
    }

    private String render(ClassicConverter converter, LoggingEvent event) {
        converter.setContext(context);
        converter.start();
        return converter.convert(event);
    }

    private LoggingEvent event(String message, @Nullable Throwable error, Object... arguments) {
        return new LoggingEvent(
                MaskingConvertersTest.class.getName(),
                context.getLogger("test"),
                Level.ERROR,
                message,
                error,
                arguments);
    }
}
