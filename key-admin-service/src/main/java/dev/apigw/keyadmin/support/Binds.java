package dev.apigw.keyadmin.support;

import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/** {@link GenericExecuteSpec#bind} refuses null; this binds a typed NULL instead. */
public final class Binds {

    private Binds() {}

    public static <T> GenericExecuteSpec nullable(
            GenericExecuteSpec spec, String name, @Nullable T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }
}
