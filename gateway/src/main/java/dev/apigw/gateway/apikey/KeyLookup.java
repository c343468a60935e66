package dev.apigw.gateway.apikey;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The database's answer for one key hash. "Not found" is a value, so it can be cached briefly. */
sealed interface KeyLookup {

    /**
     * A stored key, with the {@link UseMark} that throttles writes of its {@code last_used}. Equal by the
     * stored record alone: the mark is bookkeeping, not part of the answer.
     */
    record Found(KeyRecord key, UseMark lastUse) implements KeyLookup {

        public Found {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(lastUse, "lastUse");
        }

        Found(KeyRecord key) {
            this(key, new UseMark());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Found found && key.equals(found.key);
        }

        @Override
        public int hashCode() {
            return key.hashCode();
        }
    }

    record NotFound() implements KeyLookup {}

    NotFound NOT_FOUND = new NotFound();

    /** The answer for a stored key, or for none. */
    static KeyLookup of(@Nullable KeyRecord key) {
        return key == null ? NOT_FOUND : new Found(key);
    }

    /**
     * The answer for {@code key} read again after {@code earlier}: when both are the same stored key, the
     * new answer shares the earlier one's use mark, so a re-read does not make the key's use be written
     * again.
     */
    static KeyLookup of(@Nullable KeyRecord key, KeyLookup earlier) {
        if (key != null && earlier instanceof Found before && before.key().id().equals(key.id())) {
            return new Found(key, before.lastUse());
        }
        return of(key);
    }
}
