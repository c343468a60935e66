package dev.apigw.gateway.apikey;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The database's answer for one key hash. "Not found" is a value, so it can be cached briefly. */
sealed interface KeyLookup {

    /**
     * A stored key. Equal by its record. It also carries when a use of the key may next be queued for
     * {@code last_used} ({@link LastUsedRecorder}): the request has just read this answer, so the check
     * costs no lookup of its own (docs/performance.md, finding 22). A fresh answer for the same key takes
     * the mark over ({@link #renewed}), so re-checks do not make a key's use be written again.
     */
    final class Found implements KeyLookup {

        private final KeyRecord key;
        private volatile long nextUseQueueable = Long.MIN_VALUE;

        Found(KeyRecord key) {
            this.key = Objects.requireNonNull(key);
        }

        KeyRecord key() {
            return key;
        }

        /**
         * Whether a use at {@code atMillis} should be queued; if so, none is again within
         * {@code resolutionMillis}. Two racing uses may both be queued (the queue keeps the later one).
         */
        boolean claimUse(long atMillis, long resolutionMillis) {
            if (atMillis < nextUseQueueable) {
                return false;
            }
            nextUseQueueable = atMillis + resolutionMillis;
            return true;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Found found && key.equals(found.key);
        }

        @Override
        public int hashCode() {
            return key.hashCode();
        }

        @Override
        public String toString() {
            return "Found[key=" + key + "]";
        }
    }

    record NotFound() implements KeyLookup {
    }

    NotFound NOT_FOUND = new NotFound();

    /** The answer for a stored key, or for none. */
    static KeyLookup of(@Nullable KeyRecord key) {
        return key == null ? NOT_FOUND : new Found(key);
    }

    /** {@code fresh}, taking over {@code earlier}'s use mark when both are the same stored key. */
    static KeyLookup renewed(KeyLookup fresh, KeyLookup earlier) {
        if (fresh instanceof Found now && earlier instanceof Found before && now.key.id().equals(before.key.id())) {
            now.nextUseQueueable = before.nextUseQueueable;
        }
        return fresh;
    }
}
