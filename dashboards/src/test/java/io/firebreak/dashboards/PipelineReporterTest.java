package io.firebreak.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.influxdb.dto.BatchPoints;
import org.junit.jupiter.api.Test;

class PipelineReporterTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final PipelineReporter reporter = new PipelineReporter("firebreak-sink", 10_000, now::get);

    @Test
    void shouldBeDueOncePerIntervalWhenClockAdvances() {
        assertThat(reporter.due()).isTrue();
        now.addAndGet(9_999);
        assertThat(reporter.due()).isFalse();
        now.addAndGet(1);
        assertThat(reporter.due()).isTrue();
    }

    @Test
    void shouldWriteLagPerTopicAndCountersWhenReporting() {
        List<SeriesPoint> points = reporter.points(Map.of("firebreak.readings.v1", 42L), new SinkStats(100, 3, 1, 0, 2));

        assertThat(points).hasSize(2).allSatisfy(p -> {
            assertThat(p.measurement()).isEqualTo("pipeline");
            assertThat(p.timeMs()).isEqualTo(1_000_000);
            assertThat(p.tags()).containsEntry("group", "firebreak-sink").containsKey("instance");
        });
        assertThat(points.get(0).tags()).containsEntry("topic", "firebreak.readings.v1");
        assertThat(points.get(0).fields()).isEqualTo(Map.of("lag", 42L));
        assertThat(points.get(1).fields()).isEqualTo(Map.of("points_written", 100L, "batches", 3L, "write_failures", 1L,
                "rejected_batches", 0L, "records_skipped", 2L));
    }

    @Test
    void shouldStillWriteTheCountersWhenKafkaDoesNotGiveTheLagInTime() {
        List<BatchPoints> written = new ArrayList<>();
        Writer writer = new Writer() {
            @Override
            public void write(BatchPoints batch) {
                throw new AssertionError("stats go through writeStats");
            }

            @Override
            public void writeStats(BatchPoints batch) {
                written.add(batch);
            }
        };

        reporter.reportIfDue(() -> {
            throw new org.apache.kafka.common.errors.TimeoutException("Failed to get offsets by times in 200ms");
        }, () -> new SinkStats(100, 3, 0, 0, 0), writer, "firebreak");

        assertThat(written).hasSize(1);
        assertThat(written.get(0).getPoints()).singleElement()
                .satisfies(p -> assertThat(p.lineProtocol()).contains("batches=3i").doesNotContain("lag="));
    }
}
