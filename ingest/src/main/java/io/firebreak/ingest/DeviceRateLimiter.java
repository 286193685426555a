package io.firebreak.ingest;

import java.util.HashMap;
import java.util.Map;

/**
 * A token bucket per device: a device that floods is throttled without slowing any other. Keyed by
 * device ids that passed the inventory, so the map is bounded by the inventory, never by invented names.
 * Called from ingest's forwarder thread only.
 */
final class DeviceRateLimiter {

    private static final class Bucket {
        double tokens;
        long refilledAt;
        long dropped;
        boolean reported;
        long reportedAt;
    }

    /** What one message's admission says. */
    record Verdict(boolean admitted, long droppedSinceReport, boolean report) {
        static final Verdict ADMITTED = new Verdict(true, 0, false);
    }

    /** A throttled device gets at most one dead-letter record per this interval (the rest are counted). */
    static final long REPORT_INTERVAL_MS = 60_000;

    private final double ratePerMs;
    private final int burst;
    private final Map<String, Bucket> buckets = new HashMap<>();

    DeviceRateLimiter(double ratePerSecond, int burst) {
        this.ratePerMs = ratePerSecond / 1000.0;
        this.burst = burst;
    }

    boolean enabled() {
        return ratePerMs > 0;
    }

    /** Takes one token for {@code deviceId} at {@code now} (epoch ms), or says it was throttled. */
    Verdict admit(String deviceId, long now) {
        if (!enabled()) {
            return Verdict.ADMITTED;
        }
        Bucket b = buckets.computeIfAbsent(deviceId, d -> {
            Bucket fresh = new Bucket();
            fresh.tokens = burst;
            fresh.refilledAt = now;
            return fresh;
        });
        if (now > b.refilledAt) {
            b.tokens = Math.min(burst, b.tokens + (now - b.refilledAt) * ratePerMs);
            b.refilledAt = now;
        }
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return Verdict.ADMITTED;
        }
        b.dropped++;
        if (b.reported && now - b.reportedAt < REPORT_INTERVAL_MS) {
            return new Verdict(false, b.dropped, false);
        }
        b.reported = true;
        b.reportedAt = now;
        long dropped = b.dropped;
        b.dropped = 0;
        return new Verdict(false, dropped, true);
    }

    int devices() {
        return buckets.size();
    }
}
