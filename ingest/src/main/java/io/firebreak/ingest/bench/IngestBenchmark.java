package io.firebreak.ingest.bench;

import io.firebreak.ingest.IngestConfig;
import io.firebreak.ingest.IngestService;
import io.firebreak.telemetry.kafka.KafkaSettings;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code firebreak bench ingest}: the throughput of ingest end to end (QoS 1 publishes in, readings acknowledged
 * by Kafka out) next to the two ceilings it is bounded by, measured in the same run on the same brokers with
 * the same workload: a plain Paho subscriber on the same broker, and a plain Kafka producer sending the same
 * records. Ingest should reach 80 % or more of the lower ceiling. Prints one line per stage and ends with one
 * {@code bench=ingest ...} summary line of key=value pairs. Timing is reported, never asserted.
 */
public final class IngestBenchmark {

    /** Parallel MQTT publishers, so publishing is not the bottleneck of any stage. */
    static final int PUBLISHERS = 4;
    private static final int KAFKA_PARTITIONS = 6;

    private IngestBenchmark() {
    }

    /**
     * What one run measured; rates are per second of wall clock.
     *
     * @param messages          MQTT messages per stage
     * @param readingsPerS      ingest: readings acknowledged by Kafka per second
     * @param messagesPerS      ingest: MQTT messages taken per second
     * @param pahoCeilingPerS   plain Paho subscriber, messages per second
     * @param kafkaCeilingPerS  plain Kafka producer, records per second
     */
    public record Result(int messages, double readingsPerS, double messagesPerS, double pahoCeilingPerS,
                         double kafkaCeilingPerS) {

        /** The lower of the two ceilings. */
        public double ceilingPerS() {
            return Math.min(pahoCeilingPerS, kafkaCeilingPerS);
        }

        /** Ingest's readings per second over the lower ceiling; the goal is 0.8 or more. */
        public double ratio() {
            return readingsPerS / ceilingPerS();
        }

        /** The one summary line. */
        public String summaryLine() {
            return String.format(Locale.ROOT, "bench=ingest messages=%d readings_per_s=%.0f messages_per_s=%.0f "
                            + "paho_ceiling_per_s=%.0f kafka_ceiling_per_s=%.0f ceiling_per_s=%.0f ratio=%.2f",
                    messages, readingsPerS, messagesPerS, pahoCeilingPerS, kafkaCeilingPerS, ceilingPerS(), ratio());
        }
    }

    /**
     * Runs the three stages against an MQTT broker and Kafka that are already running, printing to {@code out}.
     *
     * @param mqttServerUri   the broker, e.g. {@code tcp://127.0.0.1:1883}
     * @param kafkaBootstrap  Kafka bootstrap servers
     * @param messages        MQTT messages per stage (one reading each)
     * @param devices         BMS modules the messages are spread over
     * @param out             where the stage lines and the summary line go
     */
    public static Result run(String mqttServerUri, String kafkaBootstrap, int messages, int devices, PrintStream out)
            throws Exception {
        if (messages < 1 || devices < 1) {
            throw new IllegalArgumentException("messages and devices: must be >= 1, were " + messages + ", " + devices);
        }
        String runId = Long.toString(System.currentTimeMillis(), 36);
        Duration timeout = Duration.ofSeconds(60 + messages / 200);
        KafkaSettings kafka = new KafkaSettings(kafkaBootstrap, java.util.Map.of(), KAFKA_PARTITIONS, (short) 1);
        kafka.ensureTopics();
        out.printf(Locale.ROOT, "bench ingest: messages=%d devices=%d publishers=%d broker=%s kafka=%s%n",
                messages, devices, PUBLISHERS, mqttServerUri, kafkaBootstrap);

        IngestConfig ingestConfig = IngestConfig.of(mqttServerUri, "bench-ingest-" + runId, kafka)
                .withSharedGroup("bench-" + runId).withFlowControl(IngestConfig.DEFAULT_RECEIVE_MAXIMUM, Duration.ZERO);

        BenchWorkload pahoLoad = new BenchWorkload("bench-paho-" + runId, messages, devices);
        double pahoSeconds = RawStages.pahoSubscribe(mqttServerUri, pahoLoad, ingestConfig.receiveMaximum(), PUBLISHERS, timeout);
        double pahoRate = messages / pahoSeconds;
        out.printf(Locale.ROOT, "stage=paho_subscribe messages=%d seconds=%.2f messages_per_s=%.0f%n", messages, pahoSeconds, pahoRate);

        BenchWorkload kafkaLoad = new BenchWorkload("bench-kafka-" + runId, messages, devices);
        double kafkaSeconds = RawStages.kafkaProduce(kafka.clientProperties(), kafkaLoad, KAFKA_PARTITIONS);
        double kafkaRate = messages / kafkaSeconds;
        out.printf(Locale.ROOT, "stage=kafka_produce records=%d seconds=%.2f records_per_s=%.0f%n", messages, kafkaSeconds, kafkaRate);

        BenchWorkload ingestLoad = new BenchWorkload("bench-ingest-" + runId, messages, devices);
        double ingestSeconds = ingestEndToEnd(ingestConfig, ingestLoad, timeout);
        double ingestRate = messages / ingestSeconds;
        out.printf(Locale.ROOT, "stage=ingest messages=%d readings=%d seconds=%.2f messages_per_s=%.0f readings_per_s=%.0f%n",
                messages, messages, ingestSeconds, ingestRate, ingestRate);

        Result result = new Result(messages, ingestRate, ingestRate, pahoRate, kafkaRate);
        out.println(result.summaryLine());
        return result;
    }

    /** Seconds from the start of publishing until Kafka has acknowledged a reading for every message. */
    private static double ingestEndToEnd(IngestConfig config, BenchWorkload workload, Duration timeout) throws Exception {
        int expected = workload.messages().size();
        try (IngestService ingest = new IngestService(config)) {
            ingest.start();
            long t0 = System.nanoTime();
            BenchPublishers.publishAll(config.mqttServerUri(), "bench-ingest-pub-" + workload.site(), workload, PUBLISHERS);
            long deadline = t0 + timeout.toNanos();
            while (ingest.stats().forwarded() < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("ingest stage: " + ingest.stats() + " of " + expected
                            + " messages within " + timeout);
                }
                Thread.sleep(1);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (ingest.stats().deadLettered() > 0 || ingest.stats().duplicates() > 0) {
                throw new IllegalStateException("ingest stage: the workload was not taken cleanly: " + ingest.stats());
            }
            return seconds;
        }
    }

    /** {@code IngestBenchmark mqttServerUri kafkaBootstrap [messages] [devices]} against running brokers. */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: IngestBenchmark mqttServerUri kafkaBootstrap [messages] [devices]");
        }
        run(args[0], args[1], args.length > 2 ? Integer.parseInt(args[2]) : 50_000,
                args.length > 3 ? Integer.parseInt(args[3]) : 200, System.out);
    }
}
