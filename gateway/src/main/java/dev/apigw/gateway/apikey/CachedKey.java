package dev.apigw.gateway.apikey;

/**
 * One entry of the {@link ApiKeyCache}: an answer, when (ticker time) the database last confirmed it,
 * and how old it may grow before a background re-check. A re-check that finds the key unchanged
 * {@link #renew renews} this entry instead of caching a new one, so the answer's objects stay where they
 * are and leave the collector nothing to copy.
 */
final class CachedKey {

    private final KeyLookup lookup;
    private volatile long confirmedAt;
    private volatile long recheckAfter;

    CachedKey(KeyLookup lookup, long confirmedAt, long recheckAfter) {
        this.lookup = lookup;
        this.confirmedAt = confirmedAt;
        this.recheckAfter = recheckAfter;
    }

    KeyLookup lookup() {
        return lookup;
    }

    long confirmedAt() {
        return confirmedAt;
    }

    /** The age from which a use schedules a background re-check. */
    long recheckAfter() {
        return recheckAfter;
    }

    /**
     * Confirmed again at {@code at}. Written in the reverse of the order readers use (confirmation, then
     * re-check point): a reader that sees the new confirmation sees the new re-check point too; one that
     * sees the old confirmation may schedule one re-check more, nothing worse.
     */
    void renew(long at, long nextRecheckAfter) {
        recheckAfter = nextRecheckAfter;
        confirmedAt = at;
    }
}
