package io.firebreak.telemetry.kafka;

import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.DeviceKind;
import java.util.Objects;

/**
 * The device addresses read lately. A new {@link DeviceAddress} checks four identifiers against a regular
 * expression, a fifth of the cost of reading a reading, yet a site has a fixed set of devices that send
 * every second. An address equal in every field to one already checked is that one. Direct-mapped and
 * lossy, like {@link DoubleTexts}, and safe to share between threads for the same reason.
 */
final class DeviceAddresses {

    /** Room for the modules of a 100,000-cell site (7,144) with few collisions. */
    private static final int SLOT_BITS = 14;

    private final DeviceAddress[] slots = new DeviceAddress[1 << SLOT_BITS];

    /** The address with these fields, checked by its constructor unless it was seen lately. */
    DeviceAddress of(String site, String room, DeviceKind kind, String rack, String device) {
        int hash = ((Objects.hashCode(site) * 31 + Objects.hashCode(room)) * 31 + kind.ordinal()) * 31 + Objects.hashCode(rack);
        hash = (hash * 31 + Objects.hashCode(device)) * 0x9E3779B9;
        int slot = hash >>> (Integer.SIZE - SLOT_BITS);
        DeviceAddress known = slots[slot];
        if (known != null && known.kind() == kind && Objects.equals(known.device(), device) && Objects.equals(known.rack(), rack)
                && Objects.equals(known.room(), room) && Objects.equals(known.site(), site)) {
            return known;
        }
        DeviceAddress address = new DeviceAddress(site, room, kind, rack, device);
        slots[slot] = address;
        return address;
    }
}
