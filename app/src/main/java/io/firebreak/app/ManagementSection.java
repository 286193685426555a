package io.firebreak.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.app.ops.ManagementSettings;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;

/**
 * The {@code management} section of {@code firebreak.yaml}:
 * <pre>
 * management:
 *   port: 9464            # GET /healthz, /readyz, /metrics; 0 (default) = none
 *   host: 127.0.0.1       # the default: loopback only
 *   give_up_after: 5m     # a service down this long, restarts failing, makes the process exit 1
 *   heartbeat: 0          # how often a heartbeat event goes to the pager; 0 (default) = none
 * </pre>
 * Without a {@code management.port}, the older {@code metrics.port} names the management port.
 */
final class ManagementSection {

    static final Set<String> KEYS = Set.of("port", "host", "give_up_after", "heartbeat");

    private ManagementSection() {
    }

    static ManagementSettings parse(JsonNode section, Integer legacyMetricsPort) {
        ManagementSettings defaults = ManagementSettings.defaults();
        if (section == null || section.isNull()) {
            return legacyMetricsPort == null ? defaults : defaults.withPort(legacyMetricsPort);
        }
        if (!section.isObject()) {
            throw new IllegalArgumentException("management: must be a mapping (port, host, give_up_after, heartbeat)");
        }
        for (Iterator<String> names = section.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new IllegalArgumentException("management." + name + ": unknown key (port, host, give_up_after, heartbeat)");
            }
        }
        int port = section.has("port") ? integer(section.get("port"), "management.port")
                : legacyMetricsPort == null ? 0 : legacyMetricsPort;
        String host = section.has("host") ? section.get("host").asText() : defaults.host();
        Duration giveUp = Durations.parse(text(section, "give_up_after"), "management.give_up_after", defaults.giveUpAfter());
        Duration heartbeat = Durations.parse(text(section, "heartbeat"), "management.heartbeat", defaults.heartbeat());
        return new ManagementSettings(host, port, giveUp, heartbeat);
    }

    private static int integer(JsonNode node, String key) {
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw new IllegalArgumentException(key + ": must be a whole number, was " + node);
        }
        return node.intValue();
    }

    private static String text(JsonNode section, String key) {
        JsonNode node = section.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        // a bare 0 is "off"
        return node.isNumber() && node.asLong() == 0 ? "0s" : node.asText();
    }
}
