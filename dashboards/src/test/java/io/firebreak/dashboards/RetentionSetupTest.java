package io.firebreak.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.telemetry.kafka.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionSetupTest {

    private static final SinkConfig CONFIG = new SinkConfig(KafkaSettings.local("localhost:9092"), null, "http://i:8086", "fb",
            null, null, 10, Duration.ofSeconds(1), Duration.ofDays(7), Duration.ofDays(365), null);

    @Test
    void shouldMakeRawTheDefaultPolicyWhenStepsAreBuilt() {
        List<RetentionSetup.Step> steps = RetentionSetup.steps(CONFIG);

        assertThat(steps.get(0).statement())
                .isEqualTo("CREATE RETENTION POLICY \"raw\" ON \"fb\" DURATION 604800s REPLICATION 1 DEFAULT");
        assertThat(steps.get(0).onConflict())
                .containsExactly("ALTER RETENTION POLICY \"raw\" ON \"fb\" DURATION 604800s REPLICATION 1 DEFAULT");
        assertThat(steps.get(1).statement())
                .isEqualTo("CREATE RETENTION POLICY \"long_term\" ON \"fb\" DURATION 31536000s REPLICATION 1");
    }

    @Test
    void shouldDownsampleIntoLongTermWhenContinuousQueriesAreBuilt() {
        List<RetentionSetup.Step> cqs = RetentionSetup.steps(CONFIG).subList(2, 5);

        assertThat(cqs).extracting(RetentionSetup.Step::statement).allSatisfy(cq -> assertThat(cq)
                .contains(" ON \"fb\" RESAMPLE EVERY 1m FOR 5m BEGIN SELECT ", " INTO \"fb\".\"long_term\".", " FROM \"fb\".\"raw\".",
                        " GROUP BY time(1m), * END"));
        assertThat(cqs.get(0).statement()).startsWith("CREATE CONTINUOUS QUERY \"cq_bms_module_1m\"")
                .contains("max(\"t_max\") AS \"t_max\"", "min(\"v_min\") AS \"v_min\"");
        assertThat(cqs.get(0).onConflict().get(0)).isEqualTo("DROP CONTINUOUS QUERY \"cq_bms_module_1m\" ON \"fb\"");
    }

    @Test
    void shouldFallBackToAlterWhenPolicyExistsWithOtherSettings() {
        List<String> executed = new ArrayList<>();
        Writer writer = new Writer() {
            @Override
            public void write(org.influxdb.dto.BatchPoints batch) {
            }

            @Override
            public void execute(String influxQl) {
                executed.add(influxQl);
                if (influxQl.startsWith("CREATE RETENTION POLICY \"raw\"")) {
                    throw new IllegalStateException("retention policy conflicts with an existing policy");
                }
            }
        };

        RetentionSetup.apply(writer, CONFIG);

        assertThat(executed).hasSize(6);
        assertThat(executed.get(1)).startsWith("ALTER RETENTION POLICY \"raw\"");
    }
}
