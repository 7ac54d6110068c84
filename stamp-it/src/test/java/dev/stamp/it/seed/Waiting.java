package dev.stamp.it.seed;

import java.time.Duration;
import java.util.function.Supplier;

/** Bounded polling: every wait in the scenario has a deadline and says what it waited for when it runs out. */
final class Waiting {
    private Waiting() {}

    static <T> T until(String what, Duration timeout, Supplier<T> attempt) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                T value = attempt.get();
                if (value != null) return value;
            } catch (RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up after " + timeout.toSeconds() + " s waiting for " + what
                        + (last == null ? "" : ": " + last.getMessage()), last);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
