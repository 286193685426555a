package io.firebreak.streams.topology;

import io.firebreak.telemetry.contract.BmsSample;
import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.DeviceKind;
import io.firebreak.telemetry.contract.EnvSample;
import io.firebreak.telemetry.contract.FireEvent;
import io.firebreak.telemetry.contract.FireEventType;
import io.firebreak.telemetry.contract.GatewayStatus;
import io.firebreak.telemetry.contract.PowerSample;
import io.firebreak.telemetry.contract.Reading;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Readings of the shipped Pangyo example site, for topology tests. */
public final class Readings {

    public static final String SITE = "pangyo-a";
    public static final String B3 = "B3-battery";
    public static final String B2 = "B2-battery";
    public static final long T0 = 1_665_814_745_000L;

    private Readings() {
    }

    public static Reading bms(String room, String rack, String module, long ts, List<Double> probes, List<Double> volts) {
        return new Reading(DeviceAddress.bms(SITE, room, rack, module), ts, null, ts, false,
                new BmsSample(volts, probes, -0.4, 0.97));
    }

    public static List<Double> healthyVolts() {
        return new ArrayList<>(Collections.nCopies(14, 3.33));
    }

    public static List<Double> probes(double... temps) {
        List<Double> out = new ArrayList<>();
        for (double t : temps) {
            out.add(t);
        }
        return out;
    }

    public static Reading env(String room, String sensor, long ts, Double smoke, Double voc) {
        return new Reading(DeviceAddress.of(SITE, room, DeviceKind.ENV, sensor), ts, null, ts, false,
                new EnvSample(23.0, 40.0, 0.0, 1.0, voc, smoke));
    }

    /** An env sensor's off-gas reading: VOC, CO and H2 in ppm, clean smoke. */
    public static Reading gas(String room, String sensor, long ts, double voc, double co, double h2) {
        return new Reading(DeviceAddress.of(SITE, room, DeviceKind.ENV, sensor), ts, null, ts, false,
                new EnvSample(23.0, 40.0, h2, co, voc, 0.003));
    }

    public static Reading fire(String room, long ts, FireEventType event) {
        return new Reading(DeviceAddress.of(SITE, room, DeviceKind.FIRE, "fp-b3"), ts, null, ts, false, new FireEvent("B3-UPS", event));
    }

    public static Reading power(String room, long ts, boolean outputOn) {
        return new Reading(DeviceAddress.of(SITE, room, DeviceKind.POWER, "ups-b3-a"), ts, null, ts, false,
                new PowerSample(!outputOn, 380.0, outputOn ? 400.0 : 0.0, outputOn, true));
    }

    public static Reading gateway(String room, long ts, boolean online) {
        return new Reading(DeviceAddress.of(SITE, room, DeviceKind.GATEWAY, "gw"), ts, null, ts, false, new GatewayStatus(online));
    }
}
