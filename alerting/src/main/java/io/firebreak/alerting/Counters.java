package io.firebreak.alerting;

import java.util.concurrent.atomic.AtomicLong;

/** The live, thread-safe counters behind {@link AlertingCounters}. */
public final class Counters {

    final AtomicLong delivered = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong paged = new AtomicLong();
    final AtomicLong pageFailures = new AtomicLong();
    final AtomicLong unreadable = new AtomicLong();

    public AlertingCounters snapshot() {
        return new AlertingCounters(delivered.get(), failed.get(), paged.get(), pageFailures.get(), unreadable.get());
    }
}
