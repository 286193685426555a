package io.firebreak.alerting.console;

import java.time.Duration;

/**
 * A version number that moves whenever something the console shows may have changed (an alert, a
 * decision, an operator action), so an open event stream pushes at once instead of at its next tick.
 */
public final class Changes {

    private long version;

    /** Something changed: wakes every stream waiting in {@link #awaitAfter}. */
    public synchronized void signal() {
        version++;
        notifyAll();
    }

    /** The current version. */
    public synchronized long version() {
        return version;
    }

    /**
     * Waits until the version passes {@code seen} or {@code timeout} elapses, and returns the version then.
     */
    public synchronized long awaitAfter(long seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (version <= seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return version;
    }
}
