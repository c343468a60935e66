package dev.apigw.keyadmin.support;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Refuses NUL and every other control character (Unicode category Cc: U+0000–U+001F, U+007F–U+009F)
 * in every string of every JSON request body. No field of this API holds multi-line or binary text;
 * PostgreSQL refuses NUL in text (a 500 with a stack trace, before this check), and the other
 * controls forge log lines and terminal output. Checked once where JSON strings are read, instead of
 * on each field, so that a field added later is covered too.
 */
public final class ControlCharacters {

    private ControlCharacters() {}

    /** Installs the check on every {@code String} the mapper reads. */
    public static JacksonModule module() {
        return new SimpleModule("control-characters").addDeserializer(String.class, new CheckedStrings());
    }

    static boolean present(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.getType(text.charAt(i)) == Character.CONTROL) {
                return true;
            }
        }
        return false;
    }

    /** A string of a request body held a control character. Its message never carries the value. */
    public static final class Refused extends MismatchedInputException {

        private static final long serialVersionUID = 1L;

        Refused(JsonParser parser) {
            super(parser, "must not contain control characters", String.class);
        }

        /** The field as clients write it, e.g. {@code description} or {@code names[2]}. */
        public String field() {
            StringBuilder field = new StringBuilder();
            for (JacksonException.Reference reference : getPath()) {
                if (reference.getPropertyName() != null) {
                    field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
                } else {
                    field.append('[').append(reference.getIndex()).append(']');
                }
            }
            return field.isEmpty() ? "body" : field.toString();
        }
    }

    private static final class CheckedStrings extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String value = super.deserialize(parser, context);
            if (value != null && present(value)) {
                throw new Refused(parser);
            }
            return value;
        }
    }
}
