package io.firebreak.ingest;

import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Telemetry loss is a signal: when a device's {@code seq} gaps over a window pass a small share of what it
 * sent, the facility is told "messages lost between the device and Firebreak", with the broker settings to
 * check, once per device and hour. The alert goes on the alerts topic as a {@code telemetry} fault (alerting
 * pages the facility only; no drain can follow it), its id naming the device and the hour so each hour's
 * loss is one incident. The incident resolves itself once the device has sent for a whole window without
 * losing anything (or when the next hour's incident opens), so a loss that stopped does not stay open.
 */
final class LossAlarm implements SeqTracker.Observer {

    private static final Logger LOG = LoggerFactory.getLogger(LossAlarm.class);

    /** The window gaps are counted over. */
    static final Duration WINDOW = Duration.ofMinutes(10);
    /** Fewest messages lost in a window that page. */
    static final long MIN_LOST = 3;
    /** Smallest share of a device's messages lost in a window that pages. */
    static final double MIN_SHARE = 0.01;

    static final String BROKER_SETTINGS = "check the MQTT broker: max_queued_messages (Mosquitto's default of 1000 per "
            + "client drops a backlog burst), max_inflight_messages (at least mqtt.receive_maximum), persistence true, and "
            + "that the ingest session (clean start off, mqtt.session_expiry) was not expired; see docs/operations.md";

    private static final class Window {
        long startedAt;
        long received;
        long lost;
        long pagedHour = -1;
        /** The incident paged and not yet resolved, with its alert, or null. */
        Alert open;
        long lastLossAt;
    }

    private final Clock clock;
    private final Consumer<Alert> publish;
    private final Map<String, Window> windows;

    LossAlarm(Clock clock, Consumer<Alert> publish, int capacity) {
        this.clock = clock;
        this.publish = publish;
        this.windows = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public void observed(String deviceId, long skipped) {
        List<Alert> out = new java.util.ArrayList<>(2);
        synchronized (this) {
            long now = clock.millis();
            Window w = windows.computeIfAbsent(deviceId, d -> new Window());
            if (now - w.startedAt >= WINDOW.toMillis()) {
                w.startedAt = now;
                w.received = 0;
                w.lost = 0;
            }
            w.received++;
            w.lost += skipped;
            if (skipped > 0) {
                w.lastLossAt = now;
            } else if (w.open != null && now - w.lastLossAt >= WINDOW.toMillis()) {
                out.add(resolved(w.open, now));
                w.open = null;
            }
            long hour = now / Duration.ofHours(1).toMillis();
            if (skipped > 0 && w.lost >= MIN_LOST && w.lost >= MIN_SHARE * (w.lost + w.received) && w.pagedHour != hour) {
                if (w.open != null) {
                    out.add(resolved(w.open, now));
                }
                w.pagedHour = hour;
                w.open = alert(deviceId, w.lost, w.lost + w.received, hour, now);
                out.add(w.open);
            }
        }
        for (Alert alert : out) {
            if (alert.resolved()) {
                LOG.info("event=telemetry_loss_resolved device={} alert={}", deviceId, alert.id());
            } else {
                LOG.warn("event=telemetry_loss device={} lost={} window_ms={} alert={}", deviceId, alert.evidence().get(0).value(),
                        WINDOW.toMillis(), alert.id());
            }
            try {
                publish.accept(alert);
            } catch (RuntimeException e) {
                LOG.error("event=telemetry_loss_not_published device={} error=\"{}\"", deviceId, e.getMessage());
            }
        }
    }

    /** The incident {@code open} closed: its device has sent a whole window without loss. */
    static Alert resolved(Alert open, long now) {
        return new Alert(open.id(), open.site(), open.room(), RiskLevel.NORMAL, open.level(),
                "messages flow again without loss: " + open.evidence().get(0).where(), open.evidence(), now);
    }

    /** The facility alert for {@code lost} of {@code sent} messages of {@code deviceId} ({@code site/room/...}) lost. */
    static Alert alert(String deviceId, long lost, long sent, long hour, long now) {
        String[] parts = deviceId.split("/", 3);
        String site = parts[0];
        String room = parts.length > 1 ? parts[1] : "-";
        String summary = "messages lost between the device and Firebreak: " + deviceId + " skipped " + lost + " of " + sent
                + " seq values in " + WINDOW.toMinutes() + " min; " + BROKER_SETTINGS;
        Evidence evidence = new Evidence("seq_gap", "telemetry", deviceId, lost, "messages", now, false);
        return new Alert("loss_" + deviceId.replace('/', '_') + "_" + hour, site, room, RiskLevel.WARNING, RiskLevel.NORMAL,
                summary, List.of(evidence), now);
    }
}
