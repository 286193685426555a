package io.firebreak.app.bench;

import io.firebreak.embedded.KafkaKraftBroker;
import io.firebreak.streams.DetectionConfig;
import io.firebreak.streams.DetectionService;
import io.firebreak.streams.topology.DetectionTopology;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.contract.TimeMode;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.inventory.InventoryLoader;
import io.firebreak.telemetry.inventory.SiteInventory;
import io.firebreak.telemetry.kafka.KafkaSettings;
import io.firebreak.telemetry.kafka.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code firebreak bench detect}: the detection topology's throughput over a site of N cells (its battery part,
 * which every BMS sample goes through, with the rooms part beside it as {@code firebreak up} runs them) against a
 * plain Kafka consumer's rate over the same topic, alarm-to-decision latency under that load, peak heap
 * and state-store size, on a real (embedded) Kafka broker. Ends with one {@code key=value} line.
 */
public final class DetectBenchmark {

    private final int cells;
    private final int seconds;
    private final int alarms;
    private final int threads;
    private final int commitMs;
    private final PrintStream out;

    /**
     * @param threads  stream threads of the topology ({@code detect.threads})
     * @param commitMs the topology's commit interval: each commit ends an exactly-once transaction
     */
    public DetectBenchmark(int cells, int seconds, int alarms, int threads, int commitMs, PrintStream out) {
        this.cells = cells;
        this.seconds = seconds;
        this.alarms = alarms;
        this.threads = threads;
        this.commitMs = commitMs;
        this.out = out;
    }

    public void run() throws Exception {
        Path work = Files.createTempDirectory("firebreak-bench-detect");
        try (KafkaKraftBroker broker = KafkaKraftBroker.start(work.resolve("kafka"));
             HeapSampler heap = new HeapSampler()) {
            KafkaSettings kafka = KafkaSettings.local(broker.bootstrapServers());
            kafka.ensureTopics();
            SyntheticSite site = new SyntheticSite("bench", cells);
            long start = System.currentTimeMillis() - seconds * 1000L;
            long records = produce(kafka, site, start);
            out.printf("bench detect: %d cells = %d modules, %d simulated seconds, %d readings on %s%n",
                    cells, site.modules(), seconds, records, Topics.READINGS.name());

            double consumerRate = plainConsumerRate(kafka, records);
            out.printf("  plain consumer (same deserialiser): %,.0f readings/s%n", consumerRate);

            SiteInventory inventory = new InventoryLoader(name -> null).loadResource("/inventory/pangyo.yaml");
            // live time mode, `firebreak up`'s default: the samples are of the last minute
            DetectionConfig config = DetectionConfig.of(kafka, inventory, TimeMode.LIVE, work.resolve("streams"))
                    .withThroughput(threads, Duration.ofMillis(commitMs));
            heap.reset();
            // detection as `firebreak up` runs it: the battery part (timed here) and the rooms part, each an
            // application with its own stream threads
            try (DetectionService detection = new DetectionService(config);
                 LagProbe lag = new LagProbe(kafka, config.applicationId())) {
                detection.start();
                // timed from the first commit, so start-up and the first rebalance are not counted
                long t0 = lag.awaitFirstProgress(Topics.READINGS.name(), Duration.ofMinutes(2));
                long first = lag.consumed(Topics.READINGS.name());
                lag.awaitConsumed(Topics.READINGS.name(), records, Duration.ofMinutes(20));
                double topologyRate = (records - first) / ((System.nanoTime() - t0) / 1e9);
                out.printf("  detection's battery part (exactly_once_v2, %d stream thread(s), commit every %d ms): %,.0f readings/s%n",
                        threads, commitMs, topologyRate);
                long[] latencies = alarmLatencies(kafka, site, start + seconds * 1000L);
                Arrays.sort(latencies);
                long p50 = latencies[latencies.length / 2];
                long p99 = latencies[Math.min(latencies.length - 1, (int) Math.ceil(latencies.length * 0.99) - 1)];
                long stateBytes = directorySize(work.resolve("streams"));
                out.printf("  alarm -> drain decision on Kafka under load: p50 %d ms, p99 %d ms (%d alarms)%n", p50, p99, latencies.length);
                out.printf("  peak heap %d MiB, state stores on disk %d KiB%n", heap.peakMiB(), stateBytes >> 10);
                out.printf("bench=detect cells=%d readings=%d threads=%d commit_ms=%d topology_per_s=%.0f consumer_per_s=%.0f ratio=%.3f latency_p50_ms=%d latency_p99_ms=%d heap_peak_mib=%d state_kib=%d%n",
                        cells, records, threads, commitMs, topologyRate, consumerRate, topologyRate / consumerRate, p50, p99, heap.peakMiB(), stateBytes >> 10);
            }
        } finally {
            deleteQuietly(work);
        }
    }

    private long produce(KafkaSettings kafka, SyntheticSite site, long start) {
        Properties props = kafka.clientProperties();
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        long count = 0;
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstError = new AtomicReference<>();
        try (KafkaProducer<String, Reading> producer = new KafkaProducer<>(props, Topics.READINGS.keySerde().serializer(),
                Topics.READINGS.valueSerde().serializer())) {
            for (int s = 0; s < seconds; s++) {
                for (Reading reading : site.second(start + s * 1000L, s)) {
                    for (String topic : DetectionTopology.topicsOf(reading)) {
                        producer.send(new ProducerRecord<>(topic, reading.source().partitionKey(), reading), (meta, error) -> {
                            if (error != null) {
                                failed.incrementAndGet();
                                firstError.compareAndSet(null, error);
                            }
                        });
                    }
                    count++;
                }
            }
            producer.flush();
        }
        if (failed.get() > 0) {
            // the timed consumers wait for every reading: a lost one would keep them waiting for ever
            throw new IllegalStateException("bench detect: " + failed.get() + " writes of the load failed, first: " + firstError.get(),
                    firstError.get());
        }
        return count;
    }

    /** Readings per second of a plain consumer with the same deserialiser, timed from its first records. */
    private double plainConsumerRate(KafkaSettings kafka, long records) {
        Properties props = kafka.clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-plain-consumer");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        long seen = 0;
        long timed = 0;
        long t0 = 0;
        try (KafkaConsumer<String, Reading> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                Topics.READINGS.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.READINGS.name()));
            while (seen < records) {
                int polled = consumer.poll(Duration.ofMillis(500)).count();
                if (t0 == 0 && polled > 0) {
                    t0 = System.nanoTime();
                } else {
                    timed += polled;
                }
                seen += polled;
            }
        }
        return timed / ((System.nanoTime() - t0) / 1e9);
    }

    /** Sends alarms one by one into the running topology and times each until its decision is on Kafka. */
    private long[] alarmLatencies(KafkaSettings kafka, SyntheticSite site, long ts) {
        Properties consumerProps = kafka.clientProperties();
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-decisions");
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        long[] latencies = new long[alarms];
        try (KafkaProducer<String, Reading> producer = new KafkaProducer<>(kafka.clientProperties(),
                Topics.READINGS.keySerde().serializer(), Topics.READINGS.valueSerde().serializer());
             KafkaConsumer<String, DrainDecision> decisions = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
                     Topics.DECISIONS.valueSerde().deserializer())) {
            decisions.subscribe(List.of(Topics.DECISIONS.name()));
            while (decisions.assignment().isEmpty()) {
                decisions.poll(Duration.ofMillis(100));
            }
            Map<String, Long> sentAt = new HashMap<>();
            for (int i = 0; i < alarms; i++) {
                Reading alarm = site.alarm(i, ts + i);
                sentAt.put(alarm.source().room(), System.nanoTime());
                send(producer, alarm);
                producer.flush();
                latencies[i] = awaitDecision(decisions, alarm.source().room(), sentAt.get(alarm.source().room()));
            }
        }
        return latencies;
    }

    /** As ingest's lanes write it: on the readings topic, and an alarm-lane reading on the priority topic too. */
    private static void send(KafkaProducer<String, Reading> producer, Reading reading) {
        for (String topic : DetectionTopology.topicsOf(reading)) {
            producer.send(new ProducerRecord<>(topic, reading.source().partitionKey(), reading));
        }
    }

    private static long awaitDecision(KafkaConsumer<String, DrainDecision> decisions, String room, long sentNanos) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, DrainDecision> record : decisions.poll(Duration.ofMillis(5))) {
                if (record.value().room().equals(room)) {
                    return (System.nanoTime() - sentNanos) / 1_000_000;
                }
            }
        }
        throw new IllegalStateException("no decision for " + room + " within 60 s");
    }

    static long directorySize(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
