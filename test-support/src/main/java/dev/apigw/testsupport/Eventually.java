package dev.apigw.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for something a real process does in its own time (a notice arriving, a connection pool
 * recovering). It asserts an outcome, never a duration: the deadline only bounds a test that would
 * otherwise hang, and a fast machine passes as soon as the condition holds. A condition that never
 * holds fails the test: there is no result to forget to check.
 */
public final class Eventually {

    private Eventually() {}

    /**
     * Polls {@code condition} every few milliseconds until it holds; throws {@link AssertionError} naming
     * {@code what} when {@code deadline} passes first.
     */
    public static void holds(Duration deadline, String what, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        do {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what, e);
            }
        } while (System.nanoTime() < end);
        if (!condition.getAsBoolean()) {
            throw new AssertionError("not within " + deadline + ": " + what);
        }
    }
}
