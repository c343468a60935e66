package dev.apigw.keyadmin.support;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Refuses NUL and every other control character (Unicode category Cc: U+0000–U+001F, U+007F–U+009F)
 * in every string of every JSON request body. No field of this API holds multi-line or binary text;
 * PostgreSQL refuses NUL in text (a 500 with a stack trace, before this check), and the other
 * controls forge log lines and terminal output. Checked once where JSON strings are read, instead of
 * on each field, so that a field added later is covered too. Enum values are read as text as well, and
 * Jackson trims them before the lookup (NUL and the other controls below U+0021 included): without a
 * check of their own, {@code "ADMIN\u0000"} would quietly be {@code ADMIN}.
 */
public final class ControlCharacters {

    private ControlCharacters() {}

    /** Installs the check on every {@code String} and every enum value the mapper reads. */
    public static JacksonModule module() {
        return new SimpleModule("control-characters")
                .addDeserializer(String.class, new CheckedStrings())
                .setDeserializerModifier(new CheckedEnums());
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

    private static final class CheckedEnums extends ValueDeserializerModifier {

        private static final long serialVersionUID = 1L;

        @Override
        public ValueDeserializer<?> modifyEnumDeserializer(
                DeserializationConfig config,
                JavaType type,
                BeanDescription.Supplier description,
                ValueDeserializer<?> deserializer) {
            return new CheckedEnum(deserializer);
        }
    }

    private static final class CheckedEnum extends DelegatingDeserializer {

        CheckedEnum(ValueDeserializer<?> delegatee) {
            super(delegatee);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegatee) {
            return new CheckedEnum(delegatee);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.hasToken(JsonToken.VALUE_STRING) && present(parser.getString())) {
                throw new Refused(parser);
            }
            return super.deserialize(parser, context);
        }
    }
}
