package io.firebreak.telemetry.inventory;

import io.firebreak.telemetry.contract.BmsSample;
import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.Reading;
import java.util.Optional;

/**
 * The inventory as an allow-list of senders (issue 15): a reading is accepted only from a device the site
 * inventory lists (its room, rack and module; its env sensor, fire panel, power device or gateway), and a
 * BMS sample only with at most as many cells and probes as the inventory gives its rack. Everything else
 * is refused with a reason naming the device, so a forged or misconfigured sender never becomes evidence.
 */
public final class DeviceAllowList {

    private final SiteInventory inventory;

    public DeviceAllowList(SiteInventory inventory) {
        this.inventory = inventory;
    }

    /** Why {@code reading} is not from a known device, or empty when it is. */
    public Optional<String> refusal(Reading reading) {
        Optional<String> unknown = unknownDevice(reading.source());
        if (unknown.isPresent() || !(reading.measurement() instanceof BmsSample sample)) {
            return unknown;
        }
        Rack rack = inventory.room(reading.source().room()).flatMap(r -> r.rack(reading.source().rack())).orElseThrow();
        if (sample.cellV().size() > rack.cellsPerModule()) {
            return Optional.of("unknown_device: " + where(reading.source()) + " sent " + sample.cellV().size()
                    + " cell voltages, the inventory gives its modules " + rack.cellsPerModule() + " cells");
        }
        if (sample.cellT().size() > rack.probesPerModule()) {
            return Optional.of("unknown_device: " + where(reading.source()) + " sent " + sample.cellT().size()
                    + " probe temperatures, the inventory gives its modules " + rack.probesPerModule() + " probes");
        }
        return Optional.empty();
    }

    /** Why the sender at {@code address} is not in the inventory, or empty when it is. */
    public Optional<String> unknownDevice(DeviceAddress address) {
        if (!address.site().equals(inventory.site())) {
            return refuse(address, "site '" + address.site() + "' is not this inventory's site '" + inventory.site() + "'");
        }
        Optional<Room> room = inventory.room(address.room());
        if (room.isEmpty()) {
            return refuse(address, "room '" + address.room() + "' is not in the inventory");
        }
        String device = address.device();
        return switch (address.kind()) {
            case BMS -> module(room.get(), address);
            case ENV -> room.get().envSensors().stream().anyMatch(s -> s.id().equals(device)) ? Optional.empty()
                    : refuse(address, "env sensor '" + device + "' is not in room " + address.room());
            case FIRE -> room.get().firePanels().stream().anyMatch(p -> p.id().equals(device)) ? Optional.empty()
                    : refuse(address, "fire panel '" + device + "' is not in room " + address.room());
            case POWER -> room.get().powerDevices().stream().anyMatch(p -> p.id().equals(device)) ? Optional.empty()
                    : refuse(address, "power device '" + device + "' is not in room " + address.room());
            case GATEWAY -> device.equals(room.get().gateway()) ? Optional.empty()
                    : refuse(address, "gateway '" + device + "' is not room " + address.room() + "'s gateway"
                    + (room.get().gateway() == null ? " (the inventory names none)" : " '" + room.get().gateway() + "'"));
        };
    }

    private Optional<String> module(Room room, DeviceAddress address) {
        Optional<Rack> rack = room.rack(address.rack());
        if (rack.isEmpty()) {
            return refuse(address, "rack '" + address.rack() + "' is not in room " + room.id());
        }
        if (rack.get().moduleIndex(address.device()).isEmpty()) {
            return refuse(address, "module '" + address.device() + "' is not one of rack " + address.rack() + "'s "
                    + rack.get().modules() + " modules (" + rack.get().module(0) + " to " + rack.get().module(rack.get().modules() - 1) + ")");
        }
        return Optional.empty();
    }

    private static Optional<String> refuse(DeviceAddress address, String why) {
        return Optional.of("unknown_device: " + where(address) + ": " + why);
    }

    private static String where(DeviceAddress address) {
        return address.rack() == null ? address.room() + "/" + address.kind().segment() + "/" + address.device()
                : address.room() + "/" + address.kind().segment() + "/" + address.rack() + "/" + address.device();
    }
}
