package io.firebreak.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firebreak.embedded.InfluxServer;
import io.firebreak.embedded.KafkaKraftBroker;
import io.firebreak.telemetry.contract.BmsSample;
import io.firebreak.telemetry.contract.DeadLetter;
import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.DeviceKind;
import io.firebreak.telemetry.contract.EnvSample;
import io.firebreak.telemetry.contract.FireEvent;
import io.firebreak.telemetry.contract.FireEventType;
import io.firebreak.telemetry.contract.GatewayStatus;
import io.firebreak.telemetry.contract.Measurement;
import io.firebreak.telemetry.contract.PowerSample;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DeliveryAttempt;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
import io.firebreak.telemetry.kafka.KafkaSettings;
import io.firebreak.telemetry.kafka.TopicDescriptor;
import io.firebreak.telemetry.kafka.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Given a real KRaft broker and a real InfluxDB 1.x, records of every kind on Firebreak's topics,
 * when the sink runs, then InfluxDB holds the documented points ({@link DashboardsIT} runs the dashboards).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InfluxSinkIT {

    private static final String SITE = "pangyo-a";
    private static final String ROOM = "B3-battery";
    private static final long T0 = System.currentTimeMillis() - 120_000;
    private static final int POINTS = 11;

    private KafkaKraftBroker kafka;
    private InfluxServer influx;
    private InfluxSink sink;
    private InfluxQuery query;

    @BeforeAll
    void startServersProduceAndSink() {
        kafka = KafkaKraftBroker.start();
        influx = InfluxServer.start();
        KafkaSettings settings = KafkaSettings.local(kafka.bootstrapServers());
        settings.ensureTopics();
        produceEveryKind(settings);

        sink = new InfluxSink(new SinkConfig(settings, "it-sink", influx.url(), "firebreak", null, null, 50, Duration.ofSeconds(2)));
        sink.start();
        query = new InfluxQuery(influx.url(), "firebreak");
        await().atMost(Duration.ofSeconds(30)).until(() -> sink.stats().pointsWritten() >= POINTS);
    }

    @AfterAll
    void stopAll() {
        if (sink != null) {
            sink.close();
        }
        if (influx != null) {
            influx.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private static void produceEveryKind(KafkaSettings settings) {
        List<Reading> readings = List.of(
                reading(DeviceAddress.bms(SITE, ROOM, "R07", "M01"), 0, new BmsSample(List.of(3.31, 3.30), List.of(24.0, 26.0), -12.5, 0.97)),
                reading(DeviceAddress.bms(SITE, ROOM, "R07", "M02"), 0, new BmsSample(List.of(3.32, 3.29), List.of(25.0, 31.0), -12.0, 0.96)),
                reading(DeviceAddress.bms(SITE, ROOM, "R08", "M01"), 0, new BmsSample(List.of(3.30), List.of(23.0), null, null)),
                reading(DeviceAddress.of(SITE, ROOM, DeviceKind.ENV, "asd-b3-1"), 0, new EnvSample(23.5, 41.0, 2.0, 1.5, 40.0, 0.2)),
                reading(DeviceAddress.of(SITE, ROOM, DeviceKind.POWER, "ups-1"), 0, new PowerSample(false, 380.0, 412.0, true, true)),
                reading(DeviceAddress.of(SITE, ROOM, DeviceKind.FIRE, "fp-1"), 1_000, new FireEvent("B3-UPS", FireEventType.ALARM)),
                reading(DeviceAddress.of(SITE, ROOM, DeviceKind.GATEWAY, "gw-1"), 0, new GatewayStatus(true)));
        Alert alert = new Alert("alr-1", SITE, ROOM, RiskLevel.WARNING, RiskLevel.WATCH, "off-gas and smoke in B3",
                List.of(new Evidence("voc", "offgas", "asd-b3-1", 40, "ppm", T0, false)), T0 + 2_000);
        DrainDecision drain = new DrainDecision("drn-1", DrainDecision.REQUESTED, SITE, ROOM, List.of("hall-1", "hall-2"),
                List.of("kakao"), RiskLevel.CRITICAL, "rack R07 heating, VOC 40 ppm", List.of(), T0 + 3_000);
        DeadLetter deadLetter = new DeadLetter("dc/" + SITE + "/" + ROOM + "/env/asd-b3-1", "{".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                T0 + 4_000, "not JSON", null);
        DeliveryAttempt timedOut = new DeliveryAttempt("drn-1", DeliveryAttempt.WEBHOOK, SITE, ROOM, "kakao-traffic",
                "msg_drn-1_kakao-traffic", 1, 0, "HttpTimeoutException", 5_000, T0 + 5_000);

        Properties props = settings.clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(props, Topics.READINGS.keySerde().serializer(),
                (topic, value) -> serialize(topic, value))) {
            readings.forEach(r -> producer.send(new ProducerRecord<>(Topics.READINGS.name(), r.source().partitionKey(), r)));
            producer.send(new ProducerRecord<>(Topics.ALERTS.name(), SITE + "/" + ROOM, alert));
            producer.send(new ProducerRecord<>(Topics.DECISIONS.name(), SITE + "/" + ROOM, drain));
            producer.send(new ProducerRecord<>(Topics.DEAD_LETTERS.name(), deadLetter.originalTopic(), deadLetter));
            producer.send(new ProducerRecord<>(Topics.AUDIT.name(), SITE + "/" + ROOM, timedOut));
            producer.flush();
        }
    }

    @SuppressWarnings("unchecked")
    private static byte[] serialize(String topic, Object value) {
        TopicDescriptor<String, Object> descriptor = (TopicDescriptor<String, Object>) Topics.ALL.stream()
                .filter(t -> t.name().equals(topic)).findFirst().orElseThrow();
        return descriptor.valueSerde().serializer().serialize(topic, value);
    }

    private static Reading reading(DeviceAddress source, long offsetMs, Measurement measurement) {
        return new Reading(source, T0 + offsetMs, 1L, T0 + offsetMs + 50, false, measurement);
    }

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            row.put((String) keysAndValues[i], value instanceof Number n ? (Object) n.doubleValue() : value);
        }
        return row;
    }

    @Test
    void shouldStoreModuleSummariesWhenBmsReadingsAreConsumed() {
        List<Map<String, Object>> rows = query.rows("SELECT * FROM \"bms_module\" WHERE \"rack\" = 'R07' AND \"module\" = 'M02'");

        assertThat(rows).containsExactly(row("time", T0, "current_a", -12.0, "historical", 0, "module", "M02", "rack", "R07",
                "room", ROOM, "site", SITE, "soc", 0.96, "t_dev_max", 3.0, "t_max", 31.0, "t_mean", 28.0, "t_min", 25.0, "t_spread", 6.0,
                "v_dev_max", Math.max((3.29 + 3.32) / 2 - 3.29, 3.32 - (3.29 + 3.32) / 2), "v_max", 3.32, "v_min", 3.29,
                "v_spread", 3.32 - 3.29));
        assertThat(query.rows("SHOW SERIES FROM \"bms_module\"")).hasSize(3);
    }

    @Test
    void shouldStoreRoomSensorsWhenEnvPowerFireAndGatewayReadingsAreConsumed() {
        assertThat(query.rows("SELECT * FROM \"env\"")).containsExactly(row("time", T0, "air_t", 23.5, "co_ppm", 1.5,
                "h2_ppm", 2.0, "rh", 41.0, "room", ROOM, "sensor", "asd-b3-1", "site", SITE, "smoke_pct_m", 0.2, "voc_ppm", 40.0));
        assertThat(query.rows("SELECT * FROM \"power\"")).containsExactly(row("time", T0, "battery_breaker_closed", 1,
                "device", "ups-1", "input_v", 380.0, "on_battery", 0, "output_kw", 412.0, "output_on", 1, "room", ROOM, "site", SITE));
        assertThat(query.rows("SELECT * FROM \"fire_event\"")).containsExactly(row("time", T0 + 1_000, "count", 1,
                "event", "alarm", "panel", "fp-1", "room", ROOM, "site", SITE, "zone", "B3-UPS"));
        assertThat(query.rows("SELECT * FROM \"gateway\"")).containsExactly(row("time", T0, "gateway", "gw-1", "online", 1,
                "room", ROOM, "site", SITE));
    }

    @Test
    void shouldStoreDecisionsAtDetectionTimeWhenAlertsDrainsAndDeadLettersAreConsumed() {
        assertThat(query.rows("SELECT * FROM \"alert\"")).containsExactly(row("time", T0 + 2_000,
                "evidence", "voc 40 ppm at asd-b3-1", "id", "alr-1", "level", "warning", "level_rank", 2, "previous", "watch", "room", ROOM,
                "site", SITE, "summary", "off-gas and smoke in B3"));
        assertThat(query.rows("SELECT * FROM \"drain\"")).containsExactly(row("time", T0 + 3_000, "id", "drn-1",
                "reason", "rack R07 heating, VOC 40 ppm", "room", ROOM, "scope", "hall-1,hall-2", "severity", "critical",
                "site", SITE, "tenants", "kakao", "type", "drain.requested"));
        assertThat(query.rows("SELECT * FROM \"dead_letter\"")).containsExactly(row("time", T0 + 4_000, "count", 1,
                "reason", "not JSON", "reason_class", "message", "topic", "dc/" + SITE + "/" + ROOM + "/env/asd-b3-1"));
        assertThat(sink.stats().recordsSkipped()).isZero();
    }

    @Test
    void shouldStoreAttemptWithOutcomeAtItsStartWhenDeliveryAttemptIsConsumed() {
        assertThat(query.rows("SELECT * FROM \"delivery\"")).containsExactly(row("time", T0 + 5_000, "attempt", 1,
                "error", "HttpTimeoutException", "kind", "webhook", "latency_ms", 5_000, "message_id", "msg_drn-1_kakao-traffic",
                "outcome", "no_answer", "room", ROOM, "site", SITE, "status", 0, "subject", "drn-1", "target", "kakao-traffic"));
    }
}
