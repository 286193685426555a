package io.firebreak.alerting;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The live, thread-safe counters behind {@link AlertingCounters}. */
public final class Counters {

    final AtomicLong delivered = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong paged = new AtomicLong();
    final AtomicLong pageFailures = new AtomicLong();
    final AtomicLong unreadable = new AtomicLong();
    final AtomicLong undelivered = new AtomicLong();
    final AtomicLong takenOver = new AtomicLong();
    private final Map<Attempts, AtomicLong> attempts = new ConcurrentHashMap<>();
    private final AtomicLong deliveredCount = new AtomicLong();
    private final AtomicLong deliveryMillisTotal = new AtomicLong();
    private final AtomicLong deliveryMillisMax = new AtomicLong();

    /** A webhook was accepted {@code millis} after alerting read its decision (retries included). */
    void deliveredAfter(long millis) {
        deliveredCount.incrementAndGet();
        deliveryMillisTotal.addAndGet(millis);
        deliveryMillisMax.accumulateAndGet(millis, Math::max);
    }

    /** Webhooks accepted, for the delivery-time summary. */
    public long deliveryCount() {
        return deliveredCount.get();
    }

    /** Milliseconds from reading a decision to a target's 2xx, summed over {@link #deliveryCount()}. */
    public long deliveryMillisTotal() {
        return deliveryMillisTotal.get();
    }

    /** The longest time from reading a decision to a target's 2xx so far. */
    public long deliveryMillisMax() {
        return deliveryMillisMax.get();
    }

    /**
     * The attempts of one kind ({@code webhook}, {@code page}) to one target with one outcome
     * ({@code accepted}, {@code rejected}: another status, {@code no_answer}: network error or timeout).
     */
    public record Attempts(String kind, String target, String outcome) implements Comparable<Attempts> {
        @Override
        public int compareTo(Attempts other) {
            return toString().compareTo(other.toString());
        }
    }

    void attempt(String kind, String target, int status, String error) {
        String outcome = status >= 200 && status < 300 ? "accepted" : status == 0 ? "no_answer" : "rejected";
        attempts.computeIfAbsent(new Attempts(kind, target, outcome), k -> new AtomicLong()).incrementAndGet();
    }

    /** Attempts so far by kind, target and outcome, for the metrics endpoint. */
    public Map<Attempts, Long> attempts() {
        Map<Attempts, Long> copy = new TreeMap<>();
        attempts.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    public AlertingCounters snapshot() {
        return new AlertingCounters(delivered.get(), failed.get(), paged.get(), pageFailures.get(), unreadable.get(),
                undelivered.get(), takenOver.get());
    }
}
