package io.firebreak.streams.sensor;

import io.firebreak.streams.rack.ProbeHealth;
import io.firebreak.streams.room.SensorFaults;
import io.firebreak.streams.room.Signal;
import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.DeviceKind;
import io.firebreak.telemetry.contract.TimeMode;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Devices of one partition that stop publishing while the rest of it goes on: a module's BMS, a room
 * sensor or a power meter whose readings no longer come is a blind spot, and a room that still talks
 * through its other devices is never "silent" as a whole. Each such device is a sensor fault (paged to
 * the facility once, never evidence of a hazard; see {@link SensorFaults}); a rack whose every module
 * stopped together is one fault of the rack, not one per module. A device heard again clears its fault.
 * <p>
 * In replay mode silence runs on the partition's event time. In live mode it runs on the wall clock and is
 * judged only while the partition is current (the caller says so: it has read a reading of the last few
 * seconds and its readings are not behind real time), so a detection that lags never turns into silent
 * devices. Fire panels (one event per message) and gateways (a retained status) are not sampled and are
 * never judged here. The devices' times live in a store, so a restart or a moved partition keeps them.
 */
public final class DeviceSilence {

    static final String DEVICE_SILENT = "device_silent";
    static final String RACK_SILENT = "rack_silent";
    /** A silent device's fault is sent again this often, so it stays open (see {@code sensor_clear_after}). */
    static final long REPEAT_MS = 60_000;
    /** A device's time is written to the store at most this often (it is read back only after a restart). */
    static final long PERSIST_MS = 30_000;
    /** A device silent this long is forgotten (taken out of service): its fault is no longer sent and closes. */
    static final long FORGET_MS = 24 * 3_600_000L;

    /** The store's view of one device: the event time it was last heard, and whether its silence or its rack's was reported. */
    public record Seen(long ts, boolean reported, boolean rackReported) {
    }

    /** The stored time of a device that is heard again and again; the store is written only when it moves on. */
    public interface Store {
        void put(String deviceId, Seen seen);

        void delete(String deviceId);

        Map<String, Seen> all();
    }

    private static final class Device {
        final DeviceAddress address;
        long ts;
        /** Event time (replay) or wall clock (live) when it was last heard. */
        long clock;
        long persisted = Long.MIN_VALUE;
        boolean reported;
        long lastSent;

        Device(DeviceAddress address) {
            this.address = address;
        }
    }

    private static final class Rack {
        final Set<String> modules = new LinkedHashSet<>();
        boolean reported;
        long lastSent;
    }

    private final long silenceMs;
    private final TimeMode mode;
    private final Store store;
    private final Map<String, Device> devices = new HashMap<>();
    private final Map<String, Rack> racks = new HashMap<>();

    public DeviceSilence(long silenceMs, TimeMode mode, Store store) {
        this.silenceMs = silenceMs;
        this.mode = mode;
        this.store = store;
    }

    /** True for a device that samples periodically, whose silence means something. */
    public static boolean sampled(DeviceAddress address) {
        return address.kind() == DeviceKind.BMS || address.kind() == DeviceKind.ENV || address.kind() == DeviceKind.POWER;
    }

    /** Loads the devices this partition has heard before (a restart, a partition moved here); {@code wall} starts their clocks in live mode. */
    public void restore(long wall) {
        devices.clear();
        racks.clear();
        store.all().forEach((id, seen) -> {
            DeviceAddress address = parse(id);
            if (address != null) {
                Device device = track(id, address);
                device.ts = seen.ts();
                device.persisted = seen.ts();
                device.clock = mode == TimeMode.LIVE ? wall : seen.ts();
                device.reported = seen.reported();
                if (seen.rackReported() && address.rack() != null) {
                    racks.get(address.partitionKey()).reported = true;
                }
            }
        });
    }

    /** Device {@code id} at {@code address} was heard at event time {@code ts} (wall clock {@code wall}); the faults it ends. */
    public List<Signal> heard(String id, DeviceAddress address, long ts, long wall) {
        Device device = devices.get(id);
        if (device == null) {
            device = track(id, address);
        }
        if (ts < device.ts) {
            // an older reading (a reorder) says nothing about now
            return List.of();
        }
        device.ts = ts;
        device.clock = mode == TimeMode.LIVE ? wall : ts;
        List<Signal> cleared = new ArrayList<>(1);
        boolean wasReported = device.reported;
        if (device.reported) {
            device.reported = false;
            cleared.add(signal(DEVICE_SILENT, address, where(address), 0, ts, true));
        }
        Rack rack = address.rack() == null ? null : racks.get(address.partitionKey());
        if (rack != null && rack.reported) {
            rack.reported = false;
            cleared.add(signal(RACK_SILENT, address, address.rack(), 0, ts, true));
        }
        if (!cleared.isEmpty() || device.persisted == Long.MIN_VALUE || device.ts - device.persisted >= PERSIST_MS) {
            device.persisted = ts;
            store.put(id, new Seen(ts, false, false));
            if (cleared.size() > (wasReported ? 1 : 0)) {
                rack.modules.forEach(module -> store.put(module, seen(devices.get(module))));
            }
        }
        return cleared;
    }

    /**
     * The faults of devices silent at {@code now} (event time in replay, wall clock in live), new ones and those due
     * to be sent again. A rack that still talks reports its silent modules one by one; a rack whose every module is
     * silent is one fault; a rack in between (its modules stopping one after the other) waits for the next sweep.
     * {@code cap}: the partition's stream time, past which no fault is stamped.
     */
    public List<Signal> sweep(long now, long cap) {
        forget(now);
        List<Signal> out = new ArrayList<>();
        for (Map.Entry<String, Device> entry : devices.entrySet()) {
            Device device = entry.getValue();
            if (device.address.rack() == null && silentFor(device, now) >= silenceMs) {
                report(entry.getKey(), device, now, cap, out);
            }
        }
        for (Rack rack : racks.values()) {
            sweepRack(rack, now, cap, out);
        }
        return out;
    }

    private void forget(long now) {
        devices.entrySet().removeIf(entry -> {
            if (silentFor(entry.getValue(), now) < FORGET_MS) {
                return false;
            }
            store.delete(entry.getKey());
            DeviceAddress address = entry.getValue().address;
            if (address.rack() != null) {
                Rack rack = racks.get(address.partitionKey());
                rack.modules.remove(entry.getKey());
                if (rack.modules.isEmpty()) {
                    racks.remove(address.partitionKey());
                }
            }
            return true;
        });
    }

    private void sweepRack(Rack rack, long now, long cap, List<Signal> out) {
        boolean talking = false;
        boolean allSilent = true;
        Device newest = null;
        for (String id : rack.modules) {
            Device module = devices.get(id);
            long silent = silentFor(module, now);
            talking |= silent < silenceMs / 2;
            allSilent &= silent >= silenceMs;
            if (newest == null || module.ts > newest.ts) {
                newest = module;
            }
        }
        for (String id : rack.modules) {
            Device module = devices.get(id);
            // a module already reported alone stays so; a newly silent one is reported alone while its rack talks
            if (silentFor(module, now) >= silenceMs && (module.reported || talking)) {
                report(id, module, now, cap, out);
            }
        }
        if (allSilent && newest != null && (!rack.reported || now - rack.lastSent >= REPEAT_MS)) {
            long ts = at(newest, now, cap);
            out.add(signal(RACK_SILENT, newest.address, newest.address.rack(), ts - newest.ts, ts, false));
            if (!rack.reported) {
                rack.reported = true;
                rack.modules.forEach(module -> store.put(module, seen(devices.get(module))));
            }
            rack.lastSent = now;
        }
    }

    private void report(String id, Device device, long now, long cap, List<Signal> out) {
        if (device.reported && now - device.lastSent < REPEAT_MS) {
            return;
        }
        long ts = at(device, now, cap);
        out.add(signal(DEVICE_SILENT, device.address, where(device.address), ts - device.ts, ts, false));
        if (!device.reported) {
            device.reported = true;
            store.put(id, seen(device));
        }
        device.lastSent = now;
    }

    private Seen seen(Device device) {
        Rack rack = device.address.rack() == null ? null : racks.get(device.address.partitionKey());
        return new Seen(device.ts, device.reported, rack != null && rack.reported);
    }

    /**
     * The event time of a silence fault: the device's last time plus its silence, but never past {@code cap} (what the
     * partition has reached), so the fault claims nothing about times the partition has not seen.
     */
    private long at(Device device, long now, long cap) {
        return Math.max(device.ts, Math.min(device.ts + silentFor(device, now), cap));
    }

    private long silentFor(Device device, long now) {
        return Math.max(0, now - device.clock);
    }

    private Device track(String id, DeviceAddress address) {
        Device device = new Device(address);
        devices.put(id, device);
        if (address.rack() != null) {
            racks.computeIfAbsent(address.partitionKey(), k -> new Rack()).modules.add(id);
        }
        return device;
    }

    private static String where(DeviceAddress address) {
        return address.rack() == null ? address.kind().segment() + "/" + address.device() : address.rack() + "/" + address.device();
    }

    private static Signal signal(String name, DeviceAddress address, String where, long silentMs, long ts, boolean clears) {
        Evidence e = new Evidence(name, ProbeHealth.FAMILY, where, Math.round(silentMs / 100.0) / 10.0, "s", ts, false);
        return new Signal(address.site(), address.room(), e, RiskLevel.WATCH, clears);
    }

    /** True for a device or rack silence fault that opens (not one that clears). */
    public static boolean opens(Signal signal) {
        String name = signal.evidence().signal();
        return signal.isSensorFault() && !signal.clears() && (DEVICE_SILENT.equals(name) || RACK_SILENT.equals(name));
    }

    /** The event time at which the device or rack of silence fault {@code signal} was last heard. */
    public static long lastHeard(Signal signal) {
        return signal.evidence().ts() - Math.round(signal.evidence().value() * 1000);
    }

    /** The address of device id {@code id} ({@link DeviceAddress#deviceId()}); null for one that is not. */
    static DeviceAddress parse(String id) {
        String[] parts = id.split("/");
        try {
            DeviceKind kind = parts.length < 4 ? null : DeviceKind.fromSegment(parts[2]);
            if (kind == DeviceKind.BMS && parts.length == 5) {
                return DeviceAddress.bms(parts[0], parts[1], parts[3], parts[4]);
            }
            if (kind != null && kind != DeviceKind.BMS && parts.length == 4) {
                return DeviceAddress.of(parts[0], parts[1], kind, parts[3]);
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    /** The store's serde: the event time (8 bytes) and what was reported (1 byte: device 1, rack 2). */
    public static Serde<Seen> serde() {
        return Serdes.serdeFrom((topic, seen) -> seen == null ? null
                        : ByteBuffer.allocate(9).putLong(seen.ts()).put((byte) ((seen.reported() ? 1 : 0) | (seen.rackReported() ? 2 : 0))).array(),
                (topic, bytes) -> bytes == null || bytes.length != 9 ? null
                        : new Seen(ByteBuffer.wrap(bytes).getLong(), (bytes[8] & 1) != 0, (bytes[8] & 2) != 0));
    }
}
