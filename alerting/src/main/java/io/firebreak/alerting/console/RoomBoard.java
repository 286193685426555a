package io.firebreak.alerting.console;

import io.firebreak.telemetry.decision.Alert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What alerting knows of each room, for the console: the room's latest risk alert (level, summary,
 * evidence, when it was received) and the fault alerts still open there. Filled from
 * {@code firebreak.alerts.v1} by {@link ConsoleFeed}; thread-safe.
 */
public final class RoomBoard {

    /** One alert as the console shows it; {@code receivedAt} is when this process read it. */
    public record Seen(Alert alert, Instant receivedAt) {
        public Seen {
            Objects.requireNonNull(alert, "alert");
            Objects.requireNonNull(receivedAt, "receivedAt");
        }
    }

    private final Map<String, Seen> latestRisk = new LinkedHashMap<>();
    private final Map<String, Seen> openFaults = new LinkedHashMap<>();
    private final Map<String, Seen> byId = new LinkedHashMap<>();

    /** Takes one alert of {@code firebreak.alerts.v1}. */
    public synchronized void onAlert(Alert alert, Instant receivedAt) {
        Seen seen = new Seen(alert, receivedAt);
        byId.put(alert.id(), seen);
        if (alert.sensorFault()) {
            openFaults.put(alert.id(), seen);
            return;
        }
        // a fault alert's own resolution carries no evidence: it closes the fault of that id
        if (alert.resolved() && openFaults.remove(alert.id()) != null) {
            return;
        }
        latestRisk.put(key(alert.site(), alert.room()), seen);
    }

    /** The room's latest risk alert, if alerting has read one. */
    public synchronized Optional<Seen> latest(String site, String room) {
        return Optional.ofNullable(latestRisk.get(key(site, room)));
    }

    /** The room's fault alerts that are still open, oldest first. */
    public synchronized List<Seen> faults(String site, String room) {
        List<Seen> faults = new ArrayList<>();
        for (Seen s : openFaults.values()) {
            if (s.alert().site().equals(site) && s.alert().room().equals(room)) {
                faults.add(s);
            }
        }
        return faults;
    }

    /** The alert of that id, as last read. */
    public synchronized Optional<Seen> alert(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    private static String key(String site, String room) {
        return site + "/" + room;
    }
}
