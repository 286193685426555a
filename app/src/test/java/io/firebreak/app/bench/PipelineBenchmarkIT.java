package io.firebreak.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code firebreak bench pipeline} on a small site: {@code firebreak up} in its own JVM against real
 * Kafka, Mosquitto and InfluxDB. What is checked is that the figures are real (every stage counted, the
 * heap read from the pipeline's GC log), not how fast this machine is.
 */
class PipelineBenchmarkIT {

    @Test
    void shouldRunTheWholePipelineInItsOwnHeapAndReportEveryStage() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new PipelineBenchmark(2_000, 30, "256m", null, new PrintStream(out, true, StandardCharsets.UTF_8), 4).run();

        String report = out.toString(StandardCharsets.UTF_8);
        String summary = report.lines().filter(l -> l.startsWith("bench=pipeline ")).findFirst().orElseThrow();
        Map<String, String> figures = Arrays.stream(summary.split(" "))
                .map(kv -> kv.split("=", 2)).collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
        assertThat(figures).as(report).containsEntry("oom", "false").containsEntry("heap_max", "256m");
        assertThat(Long.parseLong(figures.get("cells"))).isGreaterThanOrEqualTo(2_000);
        assertThat(Double.parseDouble(figures.get("published_per_s"))).as(report).isPositive();
        assertThat(figures.get("ingested_per_s")).as("ingest wrote every message published").isEqualTo(figures.get("published_per_s"));
        assertThat(Long.parseLong(figures.get("heap_peak_mib"))).as("read from the GC log").isBetween(1L, 256L);
        assertThat(Long.parseLong(figures.get("live_heap_late_mib"))).as("a full GC was asked for and logged").isPositive();
        assertThat(Long.parseLong(figures.get("state_kib_end"))).as("detection keeps its state on disk").isPositive();
        assertThat(Long.parseLong(figures.get("alarm_to_decision_ms"))).as("the alarm became a drain decision").isNotNegative();
        assertThat(Double.parseDouble(figures.get("pipeline_cores"))).as("CPU read from /proc").isPositive();
        // every alarm, the rooms released in between, became a signed webhook that the receiver verified
        assertThat(figures).as(report).containsEntry("alarms", "4").containsEntry("alarms_missing", "0");
        assertThat(Long.parseLong(figures.get("alarm_to_webhook_ms_p50"))).isPositive()
                .isLessThanOrEqualTo(Long.parseLong(figures.get("alarm_to_webhook_ms_p99")));
        assertThat(Double.parseDouble(figures.get("battery_lag_s_max"))).isNotNegative();
        assertThat(report).contains("0 webhooks refused by the receiver");
    }
}
