package io.firebreak.simulators;

import io.firebreak.telemetry.inventory.Rack;
import io.firebreak.telemetry.inventory.Room;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Air, off-gas and smoke at a room's sensors. A sensor sees what the racks of its own zone release
 * (and a few per cent of what other zones release): electrolyte vapour (VOC) from a vent, then CO and
 * H<sub>2</sub> from a runaway, and smoke from burning cells after the aspirating detector's pipe delay.
 * Gases are diluted by the room's ventilation. A sensor whose zone has no racks (an inlet) is the air
 * reference. Values set by a scenario are kept: the model only adds and decays.
 */
final class ZoneAir {

    private static final int PIPE_DELAY_S = 20;

    private final RoomSim room;
    private final Map<String, ArrayDeque<Double>> smokePipe = new HashMap<>();

    ZoneAir(RoomSim room) {
        this.room = room;
    }

    void step(double dt) {
        Map<String, double[]> zones = new HashMap<>();
        for (Rack rack : room.room.racks()) {
            double[] z = zones.computeIfAbsent(rack.zone(), k -> new double[5]);
            for (ModuleState module : room.modules.get(rack.id())) {
                z[0] += module.ventVoc;
                z[1] += module.runawayGas;
                z[2] += module.burning;
                z[4] += module.earlyH2;
                z[3] = Math.max(z[3], module.airT - room.ambient);
            }
        }
        double[] total = new double[5];
        zones.values().forEach(z -> {
            for (int i = 0; i < total.length; i++) {
                total[i] += z[i];
            }
        });
        double otherZone = room.variation.otherZone();
        for (Room.EnvSensor sensor : room.room.envSensors()) {
            RoomSim.EnvState s = room.env(sensor.id());
            double[] own = zones.get(sensor.zone());
            double voc = share(own, total, 0, otherZone);
            double gas = share(own, total, 1, otherZone);
            double burning = share(own, total, 2, otherZone);
            double earlyH2 = share(own, total, 4, otherZone);
            double decay = dt / room.variation.ventilationS();
            s.vocPpm += voc + 4 * gas - s.vocPpm * decay;
            s.coPpm += 3 * gas - (s.coPpm - 1.0) * decay;
            s.h2Ppm += 1.2 * gas + earlyH2 - s.h2Ppm * decay;
            ArrayDeque<Double> pipe = smokePipe.computeIfAbsent(sensor.id(), k -> new ArrayDeque<>());
            pipe.addLast(burning);
            double arriving = pipe.size() > PIPE_DELAY_S ? pipe.removeFirst() : 0;
            s.smoke += 0.03 * arriving * dt - (s.smoke - 0.003) * decay;
            double target = own == null ? room.ambient - 0.3 : room.ambient + 0.4 + 0.05 * Math.min(own[3], 400);
            s.airT += (target - s.airT) * Math.min(1, 0.1 * dt);
        }
    }

    private static double share(double[] own, double[] total, int i, double otherZone) {
        double mine = own == null ? 0 : own[i];
        return mine + otherZone * (total[i] - mine);
    }
}
