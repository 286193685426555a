package io.firebreak.app.bench;

import io.firebreak.telemetry.contract.BmsSample;
import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.DeviceKind;
import io.firebreak.telemetry.contract.FireEvent;
import io.firebreak.telemetry.contract.FireEventType;
import io.firebreak.telemetry.contract.Reading;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Healthy BMS readings for a site of a given number of cells (16 cells and 4 probes per module, 25
 * modules per rack, 25 racks per room), one sample per module per second, for benchmarks.
 */
final class SyntheticSite {

    static final int CELLS_PER_MODULE = 16;
    static final int PROBES = 4;
    private static final int MODULES_PER_RACK = 25;
    private static final int RACKS_PER_ROOM = 25;

    private final String site;
    private final int modules;
    private final Random random = new Random(42);

    SyntheticSite(String site, int cells) {
        this.site = site;
        this.modules = Math.max(1, cells / CELLS_PER_MODULE);
    }

    int modules() {
        return modules;
    }

    /** One second of samples: one reading per module at event time {@code ts}. */
    List<Reading> second(long ts, long seq) {
        List<Reading> out = new ArrayList<>(modules);
        for (int m = 0; m < modules; m++) {
            int rack = m / MODULES_PER_RACK;
            String room = String.format(Locale.ROOT, "room-%02d", rack / RACKS_PER_ROOM);
            DeviceAddress address = DeviceAddress.bms(site, room, String.format(Locale.ROOT, "R%03d", rack % RACKS_PER_ROOM),
                    String.format(Locale.ROOT, "M%02d", m % MODULES_PER_RACK + 1));
            List<Double> volts = new ArrayList<>(CELLS_PER_MODULE);
            for (int c = 0; c < CELLS_PER_MODULE; c++) {
                volts.add(Math.round((3.33 + random.nextGaussian() * 0.002) * 1000) / 1000.0);
            }
            List<Double> temps = new ArrayList<>(PROBES);
            for (int p = 0; p < PROBES; p++) {
                temps.add(Math.round((25 + random.nextGaussian() * 0.1) * 10) / 10.0);
            }
            out.add(new Reading(address, ts, seq, ts, false, new BmsSample(volts, temps, 0.4, 0.97)));
        }
        return out;
    }

    /** A fire-panel alarm in a room of its own, so each one is a new incident with its own decision. */
    Reading alarm(int incident, long ts) {
        DeviceAddress address = DeviceAddress.of(site, "alarm-room-" + incident, DeviceKind.FIRE, "fp");
        return new Reading(address, ts, null, ts, false, new FireEvent("Z", FireEventType.ALARM));
    }
}
