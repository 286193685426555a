package io.firebreak.telemetry.contract;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a reading comes from: site, room, kind and the device within the room. For a BMS the device
 * is a module of a rack ({@code rack} set); for every other kind {@code rack} is null and
 * {@code device} names the sensor, power device, fire panel or gateway.
 */
public record DeviceAddress(String site, String room, DeviceKind kind, String rack, String device) {

    /** Identifiers allowed in topics and the inventory (contract section 1). */
    public static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    public DeviceAddress {
        requireIdentifier(site, "site");
        requireIdentifier(room, "room");
        Objects.requireNonNull(kind, "kind");
        if (kind == DeviceKind.BMS) {
            requireIdentifier(rack, "rack");
        } else if (rack != null) {
            throw new IllegalArgumentException("rack: only a bms address has a rack, kind was " + kind);
        }
        requireIdentifier(device, kind == DeviceKind.BMS ? "module" : kind.segment());
    }

    public static DeviceAddress bms(String site, String room, String rack, String module) {
        return new DeviceAddress(site, room, DeviceKind.BMS, rack, module);
    }

    public static DeviceAddress of(String site, String room, DeviceKind kind, String device) {
        return new DeviceAddress(site, room, kind, null, device);
    }

    /** Throws an IllegalArgumentException naming {@code field} unless {@code value} is an identifier. */
    public static void requireIdentifier(String value, String field) {
        if (value == null || !IDENTIFIER.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    field + ": must match " + IDENTIFIER.pattern() + ", was " + (value == null ? "missing" : "'" + value + "'"));
        }
    }

    /** The room key {@code site/room}: everything of one room stays together under it. */
    public String roomKey() {
        return site + "/" + room;
    }

    /**
     * The Kafka key for readings from this device: the rack for BMS samples (so one rack's samples stay
     * ordered in one partition), the room for everything else.
     */
    public String partitionKey() {
        return rack == null ? roomKey() : roomKey() + "/" + rack;
    }

    /** A unique id for this device, used for duplicate and gap detection by {@code seq}. */
    public String deviceId() {
        return rack == null
                ? roomKey() + "/" + kind.segment() + "/" + device
                : roomKey() + "/" + kind.segment() + "/" + rack + "/" + device;
    }
}
