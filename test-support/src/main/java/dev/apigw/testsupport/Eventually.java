package dev.apigw.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for something a real process does in its own time (a notice arriving, a connection pool
 * recovering). It asserts an outcome, never a duration: the deadline only bounds a test that would
 * otherwise hang, and a fast machine passes as soon as the condition holds.
 */
public final class Eventually {

    private Eventually() {
    }

    /** Polls {@code condition} every few milliseconds until it holds (true) or {@code deadline} passes (false). */
    public static boolean within(Duration deadline, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        do {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        } while (System.nanoTime() < end);
        return condition.getAsBoolean();
    }
}
