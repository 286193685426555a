package io.firebreak.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.embedded.InfluxServer;
import io.firebreak.embedded.KafkaKraftBroker;
import io.firebreak.telemetry.kafka.KafkaSettings;
import io.firebreak.telemetry.kafka.TopicDescriptor;
import io.firebreak.telemetry.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Given a fire in one room of a simulated site, sent through Kafka and the sink into a real InfluxDB
 * 1.x, when Grafana would run every panel, annotation and variable query of every provisioned
 * dashboard, then none errors and each returns data; and the sink has set up its retention policies
 * and continuous queries.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardsIT {

    private static final String DATABASE = "firebreak";
    private static final String DETECTION_GROUP = "it-detect";
    /** What Grafana would put in for the dashboards' template variables. */
    private static final Map<String, String> VARIABLES = Map.of("$site", FireScenario.SITE, "$room", FireScenario.FIRE_ROOM,
            "$rack", FireScenario.FIRE_RACK, "$__interval", "10s", "$timeFilter", "time >= now() - 1h");

    private final FireScenario scenario = new FireScenario();
    private KafkaKraftBroker kafka;
    private InfluxServer influx;
    private InfluxSink sink;
    private InfluxQuery query;
    private KafkaConsumer<byte[], byte[]> detection;

    @BeforeAll
    void runScenarioThroughSink() {
        kafka = KafkaKraftBroker.start();
        influx = InfluxServer.start();
        KafkaSettings settings = KafkaSettings.local(kafka.bootstrapServers());
        settings.ensureTopics();
        produce(settings);
        detection = joinAsDetection(settings);

        sink = new InfluxSink(new SinkConfig(settings, "it-dashboards", influx.url(), DATABASE, null, null, 500,
                Duration.ofSeconds(2), Duration.ofDays(30), Duration.ofDays(730), Duration.ofSeconds(1)))
                .watchingDetection(List.of(DETECTION_GROUP));
        sink.start();
        query = new InfluxQuery(influx.url(), DATABASE);
        await().atMost(Duration.ofSeconds(30)).until(() -> sink.stats().pointsWritten() >= scenario.pointCount());
        // the write-rate panel differentiates the sink's counters: it needs reports in two 10 s buckets
        await().atMost(Duration.ofSeconds(30)).until(() -> query.rows(
                "SELECT count(\"batches\") FROM \"pipeline\" WHERE time >= now() - 1h GROUP BY time(10s) fill(none)").size() >= 2);
    }

    @AfterAll
    void stopAll() {
        if (sink != null) {
            sink.close();
        }
        if (detection != null) {
            detection.close();
        }
        if (influx != null) {
            influx.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private void produce(KafkaSettings settings) {
        Properties props = settings.clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // right after topic creation a leader can move; an idempotent producer then wedges on sequence
        // numbers (OUT_OF_ORDER_SEQUENCE_NUMBER), a plain one just retries; order does not matter to InfluxDB
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        String roomKey = FireScenario.SITE + "/" + FireScenario.FIRE_ROOM;
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(props, Topics.READINGS.keySerde().serializer(),
                DashboardsIT::serialize)) {
            scenario.readings.forEach(r -> producer.send(new ProducerRecord<>(Topics.READINGS.name(), r.source().partitionKey(), r)));
            scenario.alerts.forEach(a -> producer.send(new ProducerRecord<>(Topics.ALERTS.name(), a.site() + "/" + a.room(), a)));
            scenario.drains.forEach(d -> producer.send(new ProducerRecord<>(Topics.DECISIONS.name(), roomKey, d)));
            scenario.deadLetters.forEach(d -> producer.send(new ProducerRecord<>(Topics.DEAD_LETTERS.name(), d.originalTopic(), d)));
            scenario.deliveries.forEach(d -> producer.send(new ProducerRecord<>(Topics.AUDIT.name(), d.site() + "/" + d.room(), d)));
            scenario.operatorActions.forEach(a -> producer.send(new ProducerRecord<>(Topics.OPERATOR.name(), a.site() + "/" + a.room(), a)));
            producer.flush();
        }
    }

    /**
     * A member of the group detection would be, as a Kafka Streams application is: it has committed the start of
     * every readings partition, so it is behind by every reading of the scenario.
     */
    private static KafkaConsumer<byte[], byte[]> joinAsDetection(KafkaSettings settings) {
        Properties props = settings.clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, DETECTION_GROUP);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "900000"); // a member for the whole class
        KafkaConsumer<byte[], byte[]> member = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        member.subscribe(List.of(Topics.READINGS.name()));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            member.poll(Duration.ofMillis(200));
            return !member.assignment().isEmpty();
        });
        Map<TopicPartition, OffsetAndMetadata> start = new java.util.HashMap<>();
        member.assignment().forEach(tp -> start.put(tp, new OffsetAndMetadata(0)));
        member.commitSync(start);
        return member;
    }

    @SuppressWarnings("unchecked")
    private static byte[] serialize(String topic, Object value) {
        TopicDescriptor<String, Object> descriptor = (TopicDescriptor<String, Object>) Topics.ALL.stream()
                .filter(t -> t.name().equals(topic)).findFirst().orElseThrow();
        return descriptor.valueSerde().serializer().serialize(topic, value);
    }

    private static String fill(String grafanaQuery) {
        String influxQl = grafanaQuery;
        for (Map.Entry<String, String> variable : VARIABLES.entrySet()) {
            influxQl = influxQl.replace(variable.getKey(), variable.getValue());
        }
        return influxQl;
    }

    @Test
    void shouldAnswerEveryQueryOfEveryDashboardWhenGrafanaWouldRunIt() {
        Map<String, JsonNode> dashboards = GrafanaFiles.dashboards();
        List<String> failures = new ArrayList<>();
        int queries = 0;
        for (Map.Entry<String, JsonNode> dashboard : dashboards.entrySet()) {
            for (String grafanaQuery : GrafanaFiles.queries(dashboard.getValue())) {
                queries++;
                String influxQl = fill(grafanaQuery);
                JsonNode result = query.run(influxQl);
                if (influxQl.matches("(?s).*\\$[{\\w].*")) {
                    failures.add(dashboard.getKey() + ": unfilled variable in " + influxQl);
                } else if (result.has("error")) {
                    failures.add(dashboard.getKey() + ": " + influxQl + " -> " + result.path("error").asText());
                } else if (result.path("series").isEmpty()) {
                    failures.add(dashboard.getKey() + ": " + influxQl + " -> no series");
                }
            }
        }

        assertThat(dashboards).containsOnlyKeys("battery-room.json", "pipeline-health.json", "rack.json", "site-overview.json");
        assertThat(queries).isGreaterThanOrEqualTo(60);
        assertThat(failures).isEmpty();
    }

    @Test
    void shouldShowBurningRoomCriticalAndItsTenantsWhenSiteOverviewQueries() {
        List<Map<String, Object>> risk = query.rows(fill(
                "SELECT last(\"level_rank\") FROM \"alert\" WHERE $timeFilter GROUP BY \"site\", \"room\""));
        List<Map<String, Object>> drains = query.rows(fill("SELECT \"tenants\" FROM \"drain\" WHERE \"room\" = '$room' AND $timeFilter"));

        assertThat(risk).extracting(r -> r.get("room") + "=" + r.get("last"))
                .containsExactlyInAnyOrder(FireScenario.FIRE_ROOM + "=3.0", FireScenario.QUIET_ROOM + "=0.0");
        assertThat(drains).extracting(r -> r.get("tenants")).containsExactly("kakao,naver");
    }

    @Test
    void shouldShowBurningRoomCriticalNowWhenItsLevelChangedBeforeTheTimeRange() {
        // the level changed minutes ago; a picker of the last 30 seconds holds no alert point, the room state does
        List<Map<String, Object>> inRange = query.rows("SELECT last(\"level_rank\") FROM \"alert\" WHERE time >= now() - 30s GROUP BY \"room\"");
        List<Map<String, Object>> now = query.rows(fill(
                "SELECT last(\"level_rank\") FROM \"room_state\" WHERE \"site\" =~ /^$site$/ AND time > now() - 2m GROUP BY \"site\", \"room\""));
        List<Map<String, Object>> age = query.rows("SELECT last(\"telemetry_age_s\") FROM \"room_state\" WHERE time > now() - 2m GROUP BY \"room\"");

        assertThat(inRange).isEmpty();
        assertThat(now).extracting(r -> r.get("room") + "=" + r.get("last"))
                .containsExactlyInAnyOrder(FireScenario.FIRE_ROOM + "=3.0", FireScenario.QUIET_ROOM + "=0.0");
        assertThat(age).hasSize(2).allSatisfy(r -> assertThat((Double) r.get("last")).isBetween(0.0, 60.0));
    }

    @Test
    void shouldShowRefusedWebhookAsFailedAttemptWhenPipelineHealthQueriesDelivery() {
        List<Map<String, Object>> outcomes = query.rows(fill(
                "SELECT count(\"status\") FROM \"delivery\" WHERE $timeFilter GROUP BY \"kind\", \"outcome\""));
        List<Map<String, Object>> failed = query.rows(fill("SELECT \"target\", \"status\", \"attempt\" FROM \"delivery\""
                + " WHERE \"outcome\" != 'accepted' AND $timeFilter"));

        assertThat(outcomes).extracting(r -> r.get("kind") + " " + r.get("outcome") + "=" + r.get("count"))
                .containsExactlyInAnyOrder("webhook accepted=2.0", "webhook rejected=1.0", "page accepted=2.0",
                        "undelivered undelivered=1.0");
        assertThat(failed).extracting(r -> r.get("target") + " " + r.get("status") + " " + r.get("attempt"))
                .containsExactly("naver-traffic 503.0 1.0", "kakao-traffic 0.0 9.0");
    }

    @Test
    void shouldShowDetectionAliveWithItsLagWhenItsGroupHasAMember() {
        // Given detection's group has one member that has committed none of the scenario's readings
        // When the site overview's alive panel and pipeline health's detection panel read the sink's reports
        List<Map<String, Object>> alive = query.rows(
                "SELECT count(\"members\") FROM \"detection\" WHERE \"members\" > 0 AND time > now() - 1m");
        List<Map<String, Object>> latest = query.rows(
                "SELECT last(\"members\") AS \"members\", \"lag\", \"state\" FROM \"detection\" GROUP BY \"group\"");

        // Then detection is alive, with one member, stable, and behind by every reading
        assertThat(alive).singleElement().satisfies(r -> assertThat((Double) r.get("count")).isGreaterThanOrEqualTo(1.0));
        assertThat(latest).singleElement().satisfies(r -> {
            assertThat(r.get("group")).isEqualTo(DETECTION_GROUP);
            assertThat(r.get("members")).isEqualTo(1.0);
            assertThat((Double) r.get("lag")).isGreaterThanOrEqualTo((double) scenario.readings.size());
            assertThat(r.get("state")).isEqualTo("stable");
        });
    }

    @Test
    void shouldShowDetectionDownWhenOneOfItsPartsHasNoMember() {
        // Given detection's battery part has a member and its rooms part none (never started, or dead)
        try (DetectionWatch watch = new DetectionWatch(KafkaSettings.local(kafka.bootstrapServers()), List.of(DETECTION_GROUP, DETECTION_GROUP + "-rooms"))) {
            // When the sink reports
            List<SeriesPoint> points = watch.points(System.currentTimeMillis());

            // Then detection has no member, the alive panel's "members > 0" fails, and the lag is the battery part's
            assertThat(points).singleElement().satisfies(p -> {
                assertThat(p.tags()).containsEntry("group", DETECTION_GROUP);
                assertThat(p.fields()).containsEntry("members", 0L);
                assertThat((Long) p.fields().get("lag")).isGreaterThanOrEqualTo((long) scenario.readings.size());
                assertThat(p.fields().get("battery_lag")).isEqualTo(p.fields().get("lag"));
                assertThat(p.fields().get("state")).isNotEqualTo("stable");
            });
        }
    }

    @Test
    void shouldKeepRawByDefaultAndLongTermForTwoYearsWhenSinkStarts() {
        List<Map<String, Object>> policies = query.rows("SHOW RETENTION POLICIES ON \"" + DATABASE + "\"");

        assertThat(policies).extracting(p -> p.get("name") + " " + p.get("duration") + " " + p.get("default"))
                .contains("raw 720h0m0s true", "long_term 17520h0m0s false");
    }

    @Test
    void shouldDownsampleModulesEnvAndPowerWhenContinuousQueriesRun() {
        List<Map<String, Object>> cqs = query.rows("SHOW CONTINUOUS QUERIES");
        List<String> statements = new ArrayList<>();
        cqs.stream().filter(cq -> cq.get("name").toString().startsWith("cq_")).forEach(cq -> statements.add(cq.get("query").toString()));
        assertThat(cqs).extracting(cq -> cq.get("name"))
                .contains("cq_bms_module_1m", "cq_env_1m", "cq_power_1m");

        // run each continuous query's SELECT once over the last hour, as a backfill would, to prove it valid
        for (String cq : statements) {
            String select = cq.replaceAll("(?s).* BEGIN (.*) END$", "$1").replace(" GROUP BY time(1m)", " WHERE time >= now() - 1h GROUP BY time(1m)");
            assertThat(query.run(select).has("error")).as(select).isFalse();
        }
        List<Map<String, Object>> downsampled = query.rows("SELECT max(\"t_max\") FROM \"long_term\".\"bms_module\""
                + " WHERE \"room\" = '" + FireScenario.FIRE_ROOM + "' AND time >= now() - 1h");
        assertThat(downsampled).singleElement().satisfies(row -> assertThat((Double) row.get("max")).isGreaterThan(80.0));
    }

    @Test
    void shouldReportSinkLagAndCountersWhenStatsAreDue() {
        List<Map<String, Object>> lag = query.rows("SELECT last(\"lag\") FROM \"pipeline\" GROUP BY \"topic\"");

        assertThat(lag).extracting(r -> r.get("topic")).contains(Topics.READINGS.name());
        assertThat(lag).allSatisfy(r -> assertThat((Double) r.get("last")).isZero());
        assertThat(query.rows("SELECT last(\"points_written\") FROM \"pipeline\"")).singleElement()
                .satisfies(r -> assertThat((Double) r.get("last")).isGreaterThanOrEqualTo(scenario.pointCount()));
    }
}
