package io.firebreak.telemetry.contract;

import java.util.Objects;

/**
 * The MQTT topic layout of contract section 1: {@code {prefix}/{site}/{room}/{kind}/...}. The prefix is
 * configurable (default {@code dc}) and may itself contain levels such as {@code acme/dc}.
 */
public final class TopicLayout {

    public static final String DEFAULT_PREFIX = "dc";

    private final String prefix;

    public TopicLayout(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isEmpty() || prefix.startsWith("/") || prefix.endsWith("/")
                || prefix.contains("+") || prefix.contains("#")) {
            throw new IllegalArgumentException("topic prefix: must be non-empty MQTT levels without wildcards or edge slashes, was '" + prefix + "'");
        }
        this.prefix = prefix;
    }

    public static TopicLayout defaults() {
        return new TopicLayout(DEFAULT_PREFIX);
    }

    public String prefix() {
        return prefix;
    }

    /** The filter that covers every topic of the layout. */
    public String filter() {
        return prefix + "/#";
    }

    /** The topic a device publishes on. */
    public String topicOf(DeviceAddress address) {
        String base = prefix + "/" + address.site() + "/" + address.room() + "/" + address.kind().segment() + "/";
        return address.rack() == null ? base + address.device() : base + address.rack() + "/" + address.device();
    }

    /**
     * Parses a topic into the address of its sender.
     *
     * @throws ContractViolation when the topic is outside the layout
     */
    public DeviceAddress parse(String topic) {
        if (topic == null || !topic.startsWith(prefix + "/")) {
            throw new ContractViolation("topic outside the layout: expected prefix '" + prefix + "/'", null);
        }
        String[] levels = topic.substring(prefix.length() + 1).split("/", -1);
        if (levels.length < 4) {
            throw new ContractViolation("topic outside the layout: expected {site}/{room}/{kind}/{device} after the prefix", null);
        }
        DeviceKind kind = DeviceKind.fromSegment(levels[2]);
        if (kind == null) {
            throw new ContractViolation("topic outside the layout: unknown kind '" + levels[2] + "' (bms, env, power, fire, gateway)", null);
        }
        int expected = kind == DeviceKind.BMS ? 5 : 4;
        if (levels.length != expected) {
            throw new ContractViolation("topic outside the layout: a " + kind.segment() + " topic has "
                    + expected + " levels after the prefix, this one has " + levels.length, null);
        }
        try {
            return kind == DeviceKind.BMS
                    ? DeviceAddress.bms(levels[0], levels[1], levels[3], levels[4])
                    : DeviceAddress.of(levels[0], levels[1], kind, levels[3]);
        } catch (IllegalArgumentException e) {
            throw new ContractViolation("topic outside the layout: " + e.getMessage(), null);
        }
    }
}
