package dev.apigw.gateway.apikey;

/**
 * When a use of one key may next be queued for its {@code last_used} write ({@link LastUsedRecorder}).
 * It travels with the key's cached answer, so the request path, which has just read that answer, needs
 * no map lookup of its own to throttle the writes. Thread-safe: two racing uses may both be queued
 * (the queue keeps the later one), nothing worse.
 */
final class UseMark {

    private volatile long nextQueueable = Long.MIN_VALUE;

    /** Whether a use at {@code atMillis} should be queued; if so, none is again within {@code resolutionMillis}. */
    boolean claim(long atMillis, long resolutionMillis) {
        if (atMillis < nextQueueable) {
            return false;
        }
        nextQueueable = atMillis + resolutionMillis;
        return true;
    }
}
