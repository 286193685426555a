package io.firebreak.ingest;

import java.util.List;
import java.util.Set;

/**
 * One of ingest's two paths from MQTT to Kafka, each with its own MQTT session, forwarder thread and
 * Kafka producer, so that no backlog of battery data can delay an alarm (issue 16):
 * <ul>
 *   <li>{@link #ALARMS}: fire panels, room sensors (smoke, off-gas), power devices and gateway status.
 *       Few messages, each possibly decisive. Written to the readings topic (the record of everything) and to
 *       the priority topic, which detection reads on tasks of their own.</li>
 *   <li>{@link #BATTERY}: everything else under the prefix: BMS modules, and any topic that is not the
 *       contract's (a dead letter). Messages of the alarm lane's kinds reach this session too (MQTT cannot
 *       subscribe to "all but") and are acknowledged at once, untouched, while the alarm lane is subscribed;
 *       while it is not, this lane forwards them itself, so none is lost.</li>
 * </ul>
 */
enum Lane {
    BATTERY(""),
    ALARMS("-alarms");

    /** The topic kinds (the segment after {@code {prefix}/{site}/{room}/}) the alarm lane carries. */
    static final Set<String> ALARM_KINDS = Set.of("fire", "env", "power", "gateway");

    private final String suffix;

    Lane(String suffix) {
        this.suffix = suffix;
    }

    /** This lane's MQTT client id: its persistent session is its own. */
    String clientId(IngestConfig config) {
        return config.clientId() + suffix;
    }

    /** This lane's subscription filters, behind {@code $share/{group}{suffix}/} when the config names a group. */
    List<String> filters(IngestConfig config) {
        String prefix = config.layout().prefix();
        List<String> plain = this == BATTERY ? List.of(config.layout().filter())
                : ALARM_KINDS.stream().sorted().map(kind -> prefix + "/+/+/" + kind + "/#").toList();
        return config.sharedGroup() == null ? plain
                : plain.stream().map(f -> "$share/" + config.sharedGroup() + suffix + "/" + f).toList();
    }

    /** True when this lane forwards a message on {@code topic}; the other lane forwards the rest. */
    boolean carries(IngestConfig config, String topic) {
        boolean alarm = ALARM_KINDS.contains(kindOf(config, topic));
        return this == ALARMS ? alarm : !alarm;
    }

    /** The kind segment of {@code topic} under the layout's prefix, or "" when the topic has none. */
    private static String kindOf(IngestConfig config, String topic) {
        String prefix = config.layout().prefix() + "/";
        if (!topic.startsWith(prefix)) {
            return "";
        }
        String[] parts = topic.substring(prefix.length()).split("/", 4);
        return parts.length >= 4 ? parts[2] : "";
    }
}
