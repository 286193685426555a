package io.firebreak.ingest;

import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
import io.firebreak.telemetry.decision.SignalFamily;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports senders the inventory does not list (issue 15). A room whose traffic does not match its inventory
 * (a gateway that names modules {@code M1} where the inventory says {@code M01}) is reported once, within its
 * first minute, as one list of unknown devices: a log line, a facility page, and the devices counted. Each
 * device is in at most one page an hour. Bounded: at most {@link #MAX_DEVICES} distinct devices and
 * {@link #MAX_ROOMS} rooms are remembered, so invented names cannot grow memory.
 */
final class UnknownDevices {

    private static final Logger LOG = LoggerFactory.getLogger(UnknownDevices.class);

    /** How long the devices of one room are collected before the report goes out. */
    static final Duration COLLECT = Duration.ofMinutes(1);
    static final int MAX_DEVICES = 10_000;
    static final int MAX_ROOMS = 1_000;
    /** Devices named in full in one page; the rest are counted. */
    static final int LISTED = 50;
    private static final long HOUR_MS = Duration.ofHours(1).toMillis();

    private static final class Batch {
        final long openedAt;
        final Set<String> devices = new LinkedHashSet<>();
        String example;

        Batch(long openedAt) {
            this.openedAt = openedAt;
        }
    }

    private final String site;
    private final Consumer<Alert> publish;
    /** Device id to the hour it was last reported in. */
    private final Map<String, Long> reportedHour = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_DEVICES;
        }
    };
    private final Map<String, Batch> open = new LinkedHashMap<>();
    private long overflow;

    UnknownDevices(String site, Consumer<Alert> publish) {
        this.site = site;
        this.publish = publish;
    }

    /** Notes one refused message from {@code address} at {@code now} (wall clock, epoch ms). */
    synchronized void refused(DeviceAddress address, String reason, long now) {
        String device = address.deviceId();
        long hour = now / HOUR_MS;
        Long last = reportedHour.get(device);
        if (last != null && last == hour) {
            return;
        }
        String room = address.room();
        Batch batch = open.get(room);
        if (batch == null) {
            if (open.size() >= MAX_ROOMS) {
                overflow++;
                return;
            }
            batch = new Batch(now);
            open.put(room, batch);
        }
        if (batch.devices.size() < MAX_DEVICES) {
            batch.devices.add(device.substring(address.roomKey().length() + 1));
            batch.example = batch.example == null ? reason : batch.example;
        }
        reportedHour.put(device, hour);
    }

    /** Sends the report of every room whose minute of collection is over; called every few seconds. */
    void flush(long now) {
        List<Alert> due = new ArrayList<>();
        synchronized (this) {
            open.entrySet().removeIf(e -> {
                if (now - e.getValue().openedAt < COLLECT.toMillis()) {
                    return false;
                }
                due.add(alert(e.getKey(), e.getValue(), now));
                return true;
            });
            if (overflow > 0) {
                LOG.warn("event=unknown_devices_overflow messages={} rooms_tracked={}", overflow, MAX_ROOMS);
                overflow = 0;
            }
        }
        for (Alert alert : due) {
            LOG.warn("event=unknown_devices site={} room={} devices={} alert={} summary=\"{}\"", site, alert.room(),
                    (long) alert.evidence().get(0).value(), alert.id(), alert.summary());
            try {
                publish.accept(alert);
            } catch (RuntimeException e) {
                LOG.error("event=unknown_devices_not_published alert={} error=\"{}\"", alert.id(), e.getMessage());
            }
        }
    }

    /** Distinct unknown devices remembered (the gauge {@code firebreak_ingest_unknown_devices}). */
    synchronized int known() {
        return reportedHour.size();
    }

    private Alert alert(String room, Batch batch, long now) {
        List<String> names = new ArrayList<>(batch.devices);
        String listed = String.join(", ", names.subList(0, Math.min(LISTED, names.size())))
                + (names.size() > LISTED ? " and " + (names.size() - LISTED) + " more" : "");
        String summary = "devices not in the site inventory sent to room " + room + " (their messages are refused, never "
                + "evidence): " + names.size() + " device" + (names.size() == 1 ? "" : "s") + ": " + listed
                + "; e.g. " + batch.example + ". Add them to the inventory (rack module_ids or module_pattern for a "
                + "gateway's module names) or remove the sender";
        Evidence evidence = new Evidence("unknown_device", SignalFamily.SENSOR.wireName(), room, names.size(), "devices", now, false);
        return new Alert("unknown_devices_" + room + "_" + batch.openedAt, site, room, RiskLevel.WARNING, RiskLevel.NORMAL,
                summary, List.of(evidence), now);
    }
}
