package io.firebreak.simulators;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.DeviceKind;
import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.inventory.Rack;
import io.firebreak.telemetry.inventory.Room;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Turns simulated state into contract messages: topics from the layout, a {@code seq} per device,
 * measurement noise and quantisation. A probe is a point sensor in the middle of the cells the inventory
 * assigns it; it reads a contact-weighted mix of the cells around it, so a cell between two probes is
 * seen only faintly.
 */
final class MessageEncoder {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final double CONTACT_CELLS = 0.6;

    private final String site;
    private final TopicLayout layout;
    private final Random noise;
    private final Variation variation;
    private final Map<String, Long> seqs = new HashMap<>();
    private final Map<String, String> topics = new HashMap<>();
    private final Map<Rack, double[][]> weights = new HashMap<>();
    /** The last published values of a module, for {@link Visibility}. */
    private double[] volts = new double[0];
    private double[] probeT = new double[0];

    MessageEncoder(String site, TopicLayout layout, Random noise) {
        this(site, layout, noise, Variation.nominal());
    }

    MessageEncoder(String site, TopicLayout layout, Random noise, Variation variation) {
        this.variation = variation;
        this.site = site;
        this.layout = layout;
        this.noise = noise;
    }

    /**
     * The BMS message of module {@code m}: cell voltages with 1 mV of noise, quantised to 1 mV; probe
     * readings with 0.05 C of noise, quantised to 0.1 C, then the probe's fault if it has one. What is
     * published is also shown to {@code watch} when it is not null.
     */
    SimMessage bms(Room room, Rack rack, int m, ModuleState module, ProbeFaults faults, long ts, Visibility watch) {
        String topic = topics.computeIfAbsent(room.id() + "/" + rack.id() + "/" + m,
                k -> layout.topicOf(DeviceAddress.bms(site, room.id(), rack.id(), rack.module(m))));
        int cells = module.cellV.length;
        int probes = rack.probesPerModule();
        if (volts.length < cells || probeT.length < probes) {
            volts = new double[Math.max(volts.length, cells)];
            probeT = new double[Math.max(probeT.length, probes)];
        }
        StringBuilder b = new StringBuilder(40 + cells * 6 + probes * 6).append("{\"ts\":").append(ts)
                .append(",\"seq\":").append(seq(topic)).append(",\"cell_v\":[");
        for (int c = 0; c < cells; c++) {
            long mv = Math.max(0, Math.round((module.cellV[c] + noise.nextGaussian() * variation.voltNoiseV()) * 1000));
            volts[c] = mv / 1000.0;
            appendFixed(c == 0 ? b : b.append(','), mv, 1000);
        }
        b.append("],\"cell_t\":[");
        double[][] w = weights.computeIfAbsent(rack, MessageEncoder::probeWeights);
        for (int p = 0; p < probes; p++) {
            double t = 0;
            for (int c = 0; c < cells; c++) {
                t += w[p][c] * module.cellT[c];
            }
            // the probe reads only part of a cell's rise above its module's air (contact, placement)
            t = module.airT + variation.probeCoupling() * (t - module.airT);
            double step = variation.tempStepC();
            double read = Math.round(Math.round((t + noise.nextGaussian() * variation.tempNoiseC()) / step) * step * 10) / 10.0;
            Double reported = faults.isEmpty() ? Double.valueOf(read) : faults.apply(rack.id(), m, p, ts, read);
            if (p > 0) {
                b.append(',');
            }
            if (reported == null) {
                b.append("null");
                probeT[p] = Double.NaN;
            } else {
                long tenths = Math.round(reported * 10);
                appendFixed(b, tenths, 10);
                probeT[p] = tenths / 10.0;
            }
        }
        appendFixed(b.append("],\"current_a\":"), Math.round(module.currentA * 10), 10);
        appendFixed(b.append(",\"soc\":"), Math.round(Math.min(1.0, module.meanSoc()) * 1000), 1000).append('}');
        if (watch != null) {
            watch.bms(rack, m, volts, cells, probeT, probes, ts);
        }
        return new SimMessage(ts, topic, b.toString().getBytes(StandardCharsets.UTF_8), false);
    }

    /**
     * Appends {@code units / scale} as {@link Double#toString(double)} writes it for a value of at most
     * three decimals (at least one decimal, no trailing zeros), without going through binary floating point.
     */
    static StringBuilder appendFixed(StringBuilder b, long units, int scale) {
        long abs = Math.abs(units);
        long whole = abs / scale;
        long frac = abs % scale;
        if (units < 0) {
            b.append('-');
        }
        b.append(whole).append('.');
        if (frac == 0) {
            return b.append('0');
        }
        for (int div = scale / 10; div > 0 && frac > 0; div /= 10) {
            b.append((char) ('0' + frac / div));
            frac %= div;
        }
        return b;
    }

    /** Contact weights of each probe over the cells of a module, normalised per probe. */
    static double[][] probeWeights(Rack rack) {
        double[][] w = new double[rack.probesPerModule()][rack.cellsPerModule()];
        for (int p = 0; p < w.length; p++) {
            double centre = (rack.firstCellOfProbe(p) + rack.endCellOfProbe(p) - 1) / 2.0;
            double sum = 0;
            for (int c = 0; c < rack.cellsPerModule(); c++) {
                w[p][c] = Math.exp(-Math.abs(c - centre) / CONTACT_CELLS);
                sum += w[p][c];
            }
            for (int c = 0; c < rack.cellsPerModule(); c++) {
                w[p][c] /= sum;
            }
        }
        return w;
    }

    /** The env message of {@code sensor}; what is published is also shown to {@code watch} when it is not null. */
    SimMessage env(Room room, String sensor, RoomSim.EnvState env, long ts, Visibility watch) {
        // the noise is drawn in the order of the fields, so a seed gives the same values as ever
        double airT = Math.round((env.airT + noise.nextGaussian() * 0.05) * 10) / 10.0;
        double h2 = Math.round(Math.max(0, env.h2Ppm) * 10) / 10.0;
        double co = Math.round(Math.max(0, env.coPpm + noise.nextGaussian() * 0.2) * 10) / 10.0;
        double voc = Math.round(Math.max(0, env.vocPpm + noise.nextGaussian() * 0.1) * 10) / 10.0;
        double smoke = Math.round(Math.max(0, Math.min(100, env.smoke + noise.nextGaussian() * 0.0005)) * 10000) / 10000.0;
        ObjectNode body = JSON.createObjectNode();
        body.put("air_t", airT);
        body.put("rh", Math.round(env.rh * 10) / 10.0);
        body.put("h2_ppm", h2);
        body.put("co_ppm", co);
        body.put("voc_ppm", voc);
        body.put("smoke_pct_m", smoke);
        if (watch != null) {
            watch.env(sensor, voc, co, h2, smoke, ts);
        }
        return message(DeviceAddress.of(site, room.id(), DeviceKind.ENV, sensor), ts, body, false, true);
    }

    SimMessage power(Room room, String device, RoomSim.PowerState power, double loadKw, long ts) {
        ObjectNode body = JSON.createObjectNode()
                .put("on_battery", power.onBattery)
                .put("input_v", power.onBattery ? 0.0 : Math.round((380.0 + noise.nextGaussian() * 0.5) * 10) / 10.0)
                .put("output_kw", power.outputOn ? Math.round((loadKw + noise.nextGaussian() * 0.5) * 10) / 10.0 : 0.0)
                .put("output_on", power.outputOn)
                .put("battery_breaker_closed", power.breakerClosed);
        return message(DeviceAddress.of(site, room.id(), DeviceKind.POWER, device), ts, body, false, true);
    }

    SimMessage fire(Room room, RoomSim.PanelEvent event, long ts) {
        ObjectNode body = JSON.createObjectNode().put("zone", event.zone()).put("event", event.type().wireName());
        return message(DeviceAddress.of(site, room.id(), DeviceKind.FIRE, event.panel()), ts, body, false, true);
    }

    SimMessage gateway(Room room, long ts, boolean online) {
        ObjectNode body = JSON.createObjectNode().put("online", online);
        return message(DeviceAddress.of(site, room.id(), DeviceKind.GATEWAY, room.gateway()), ts, body, true, false);
    }

    private long seq(String topic) {
        return seqs.merge(topic, 1L, Long::sum) - 1;
    }

    private SimMessage message(DeviceAddress address, long ts, ObjectNode body, boolean retained, boolean withSeq) {
        String topic = layout.topicOf(address);
        ObjectNode full = JSON.createObjectNode().put("ts", ts);
        if (withSeq) {
            full.put("seq", seq(topic));
        }
        full.setAll(body);
        try {
            return new SimMessage(ts, topic, JSON.writeValueAsBytes(full), retained);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
