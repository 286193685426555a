package io.firebreak.telemetry.kafka;

import io.firebreak.telemetry.contract.BmsSample;
import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.Reading;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Micro-benchmark of the readings serde: databind ({@code JsonSerde}) against the streaming
 * {@link ReadingSerde}, serializing and deserializing a BMS sample of 14 cells and 4 probes. Two loads:
 * the same sample over and over (the streaming codec's memos always hit), and 20,000 samples of 3,000
 * modules with values in sensor steps (millivolts, tenths of a degree), so the memos miss as they do on a
 * site. Rounds of each contender alternate so both see the same machine. Times are the thread's CPU time,
 * best round of {@value #ROUNDS}: on a shared machine, wall time and medians mostly measure the neighbours.
 * Not a test: run {@code main} on the test classpath. Ends with one {@code bench=reading_codec ...} line.
 */
public final class ReadingCodecBench {

    private static final String TOPIC = Topics.READINGS.name();
    private static final int WARMUP_ROUNDS = 10;
    private static final int ROUNDS = 30;
    private static final int OPS_PER_ROUND = 50_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static final Serializer<Reading> OLD_SER = new JsonSerde<>(Reading.class).serializer();
    private static final Deserializer<Reading> OLD_DESER = new JsonSerde<>(Reading.class).deserializer();
    private static final Serializer<Reading> NEW_SER = new ReadingSerde().serializer();
    private static final Deserializer<Reading> NEW_DESER = new ReadingSerde().deserializer();

    /** Keeps the JIT from dropping the work: every result feeds it. */
    private static long sink;

    private ReadingCodecBench() {
    }

    public static void main(String[] args) {
        Reading typical = RandomReadings.typicalBms();
        double[] same = measure(List.of(typical));
        double[] site = measure(siteSamples(20_000, 3_000));
        System.out.printf(Locale.ROOT, "reading: BMS sample, 14 cells + 4 probes, %d bytes of JSON (identical from both)%n",
                OLD_SER.serialize(TOPIC, typical).length);
        System.out.printf(Locale.ROOT, "%-26s %12s %12s %8s%n", "CPU ns/op", "databind", "streaming", "speedup");
        print("serialize, same sample", same[0], same[1]);
        print("deserialize, same sample", same[2], same[3]);
        print("serialize, site mix", site[0], site[1]);
        print("deserialize, site mix", site[2], site[3]);
        System.out.printf(Locale.ROOT, "bench=reading_codec ser_old_ns=%.0f ser_new_ns=%.0f ser_speedup=%.2f deser_old_ns=%.0f "
                        + "deser_new_ns=%.0f deser_speedup=%.2f mix_ser_speedup=%.2f mix_deser_speedup=%.2f sink=%d%n",
                same[0], same[1], same[0] / same[1], same[2], same[3], same[2] / same[3], site[0] / site[1], site[2] / site[3],
                sink & 0xff);
    }

    /** Best ns/op of old and new serialize, then old and new deserialize, cycling through the readings. */
    private static double[] measure(List<Reading> readings) {
        Reading[] values = readings.toArray(new Reading[0]);
        byte[][] bytes = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = OLD_SER.serialize(TOPIC, values[i]);
            if (!Arrays.equals(bytes[i], NEW_SER.serialize(TOPIC, values[i])) || !values[i].equals(NEW_DESER.deserialize(TOPIC, bytes[i]))) {
                throw new IllegalStateException("the codecs disagree on " + values[i]);
            }
        }
        double[][] ns = new double[4][ROUNDS];
        for (int round = -WARMUP_ROUNDS; round < ROUNDS; round++) {
            double[] times = {serialize(OLD_SER, values), serialize(NEW_SER, values), deserialize(OLD_DESER, bytes),
                deserialize(NEW_DESER, bytes)};
            for (int c = 0; round >= 0 && c < 4; c++) {
                ns[c][round] = times[c];
            }
        }
        return new double[] {best(ns[0]), best(ns[1]), best(ns[2]), best(ns[3])};
    }

    private static List<Reading> siteSamples(int count, int modules) {
        Random random = new Random(1);
        List<Reading> readings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int module = random.nextInt(modules);
            List<Double> volts = new ArrayList<>(14);
            for (int c = 0; c < 14; c++) {
                volts.add((3200 + random.nextInt(250)) / 1000.0);
            }
            List<Double> temps = new ArrayList<>(4);
            for (int p = 0; p < 4; p++) {
                temps.add((200 + random.nextInt(150)) / 10.0);
            }
            DeviceAddress source = DeviceAddress.bms("pangyo-a", "B" + (module % 4), "R" + module / 16, "M" + module % 16);
            long ts = 1_665_820_800_000L + i * 1000L;
            readings.add(new Reading(source, ts, (long) i, ts + 120, false,
                    new BmsSample(volts, temps, (random.nextInt(1000) - 500) / 10.0, random.nextInt(1001) / 1000.0)));
        }
        return readings;
    }

    private static double serialize(Serializer<Reading> serializer, Reading[] values) {
        long start = THREADS.getCurrentThreadCpuTime();
        long total = 0;
        for (int i = 0; i < OPS_PER_ROUND; i++) {
            total += serializer.serialize(TOPIC, values[i % values.length]).length;
        }
        long elapsed = THREADS.getCurrentThreadCpuTime() - start;
        sink += total;
        return (double) elapsed / OPS_PER_ROUND;
    }

    private static double deserialize(Deserializer<Reading> deserializer, byte[][] bytes) {
        long start = THREADS.getCurrentThreadCpuTime();
        long total = 0;
        for (int i = 0; i < OPS_PER_ROUND; i++) {
            total += deserializer.deserialize(TOPIC, bytes[i % bytes.length]).ts();
        }
        long elapsed = THREADS.getCurrentThreadCpuTime() - start;
        sink += total;
        return (double) elapsed / OPS_PER_ROUND;
    }

    private static void print(String what, double databind, double streaming) {
        System.out.printf(Locale.ROOT, "%-26s %9.0f ns %9.0f ns %7.2fx%n", what, databind, streaming, databind / streaming);
    }

    private static double best(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }
}
