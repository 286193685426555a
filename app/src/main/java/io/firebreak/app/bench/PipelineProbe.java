package io.firebreak.app.bench;

import io.firebreak.telemetry.kafka.KafkaSettings;
import io.firebreak.telemetry.kafka.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Where the pipeline is, seen from outside it: readings ingest has written to Kafka (end offsets), how
 * many of them detection and the sink have committed, and the size of detection's state directory.
 */
final class PipelineProbe implements AutoCloseable {

    private static final String READINGS = Topics.READINGS.name();

    private final Admin admin;
    private final LagProbe detect;
    private final LagProbe sink;
    private final Path stateDir;
    private Map<TopicPartition, OffsetSpec> latest;

    PipelineProbe(KafkaSettings kafka, String detectGroup, String sinkGroup, Path stateDir) {
        this.admin = Admin.create(kafka.clientProperties());
        this.detect = new LagProbe(kafka, detectGroup);
        this.sink = new LagProbe(kafka, sinkGroup);
        this.stateDir = stateDir;
    }

    /** Readings on the readings topic (the sum of its partitions' end offsets). */
    long ingested() throws Exception {
        if (latest == null) {
            // the partitions don't change during a run: look them up once
            latest = admin.describeTopics(List.of(READINGS)).allTopicNames().get(10, TimeUnit.SECONDS).get(READINGS).partitions()
                    .stream().collect(Collectors.toMap(p -> new TopicPartition(READINGS, p.partition()), p -> OffsetSpec.latest()));
        }
        return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).values().stream().mapToLong(r -> r.offset()).sum();
    }

    long detected() throws Exception {
        return detect.consumed(READINGS);
    }

    long sunk() throws Exception {
        return sink.consumed(READINGS);
    }

    long stateKiB() throws IOException {
        return DetectBenchmark.directorySize(stateDir) >> 10;
    }

    /** One progress line: what was published, ingested, detected and sunk so far, and the memory figures. */
    String sample(long elapsedMs, long published, long rssMiB) throws Exception {
        return String.format("t=%3ds published=%,d ingested=%,d detected=%,d sunk=%,d state_kib=%,d rss_mib=%d",
                elapsedMs / 1000, published, ingested(), detected(), sunk(), stateKiB(), rssMiB);
    }

    /** Waits until detection and the sink have consumed every reading written; returns the wall-clock millis then. */
    long awaitCaughtUp(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long end = ingested();
            if (detected() >= end && sunk() >= end) {
                return System.currentTimeMillis();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("detection or the sink did not catch up within " + timeout
                + ": ingested=" + ingested() + " detected=" + detected() + " sunk=" + sunk());
    }

    @Override
    public void close() {
        detect.close();
        sink.close();
        admin.close();
    }
}
