package dev.apigw.gateway.apikey;

import org.jspecify.annotations.Nullable;

/** The database's answer for one key hash. "Not found" is a value, so it can be cached briefly. */
sealed interface KeyLookup {

    record Found(KeyRecord key) implements KeyLookup {
    }

    record NotFound() implements KeyLookup {
    }

    NotFound NOT_FOUND = new NotFound();

    /** The answer for a stored key, or for none. */
    static KeyLookup of(@Nullable KeyRecord key) {
        return key == null ? NOT_FOUND : new Found(key);
    }
}
