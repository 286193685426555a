package io.firebreak.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firebreak.embedded.FreePorts;
import io.firebreak.embedded.KafkaKraftBroker;
import io.firebreak.embedded.MosquittoServer;
import io.firebreak.telemetry.contract.BmsSample;
import io.firebreak.telemetry.contract.DeadLetter;
import io.firebreak.telemetry.contract.EnvSample;
import io.firebreak.telemetry.contract.FireEvent;
import io.firebreak.telemetry.contract.FireEventType;
import io.firebreak.telemetry.contract.GatewayStatus;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.contract.TimeMode;
import io.firebreak.telemetry.kafka.KafkaSettings;
import io.firebreak.telemetry.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bridge against a real Mosquitto and a real Kafka broker (KRaft, in this JVM). */
class IngestIT {

    private static final Duration STALENESS = Duration.ofSeconds(5);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static KafkaKraftBroker kafka;
    private static MosquittoServer mosquitto;
    private static IngestService ingest;
    private static MqttTestPublisher sensors;
    private static KafkaTopicReader<Reading> readings;
    private static KafkaTopicReader<DeadLetter> deadLetters;
    private static MetricsScraper metrics;

    @BeforeAll
    static void startBrokersAndIngest() throws Exception {
        kafka = KafkaKraftBroker.start();
        mosquitto = MosquittoServer.start();
        IngestConfig config = IngestConfig.of(mosquitto.serverUri(), "ingest-it", KafkaSettings.local(kafka.bootstrapServers()))
                .withTime(TimeMode.LIVE, STALENESS).withMetricsPort(FreePorts.find());
        ingest = new IngestService(config);
        ingest.start();
        sensors = new MqttTestPublisher(mosquitto.serverUri(), "sensors-it");
        readings = new KafkaTopicReader<>(kafka.bootstrapServers(), Topics.READINGS);
        deadLetters = new KafkaTopicReader<>(kafka.bootstrapServers(), Topics.DEAD_LETTERS);
        metrics = new MetricsScraper(ingest.metricsPort());
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {readings, deadLetters, sensors, ingest, mosquitto, kafka}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static List<ConsumerRecord<String, Reading>> readingsOf(String site) {
        return readings.poll().stream().filter(r -> r.value().source().site().equals(site)).toList();
    }

    private static List<ConsumerRecord<String, DeadLetter>> deadLettersOf(String site) {
        return deadLetters.poll().stream().filter(r -> r.key().contains("/" + site + "/")).toList();
    }

    private static String now() {
        return String.valueOf(System.currentTimeMillis());
    }

    @Test
    void shouldForwardEveryReadingExactlyOnceKeyedByRackOrRoomWhenDevicesPublishWithQos1() throws Exception {
        // Given
        long forwardedBefore = ingest.stats().forwarded();

        // When
        for (int seq = 0; seq < 5; seq++) {
            sensors.publish("dc/it-a/B3/bms/R01/M01", "{\"ts\":" + now() + ",\"seq\":" + seq + ",\"cell_v\":[3.31,3.30,null],\"cell_t\":[24.5]}");
            sensors.publish("dc/it-a/B3/bms/R02/M03", "{\"ts\":" + now() + ",\"seq\":" + seq + ",\"cell_v\":[3.2],\"soc\":0.9}");
            sensors.publish("dc/it-a/B3/env/offgas1", "{\"ts\":" + now() + ",\"seq\":" + seq + ",\"voc_ppm\":" + seq + ".5}");
            sensors.publish("dc/it-a/B3/power/ups1", "{\"ts\":" + now() + ",\"seq\":" + seq + ",\"on_battery\":false}");
        }
        sensors.publish("dc/it-a/B3/fire/panel1", "{\"ts\":" + now() + ",\"seq\":0,\"zone\":\"B3-1\",\"event\":\"pre_alarm\"}");
        sensors.publishRetained("dc/it-a/B3/gateway/gw1", "{\"ts\":" + now() + ",\"online\":true}");

        // Then
        await().atMost(WAIT).until(() -> readingsOf("it-a").size() >= 22);
        List<ConsumerRecord<String, Reading>> received = readingsOf("it-a");
        assertThat(received).hasSize(22);
        Map<String, Long> perDeviceAndSeq = received.stream().collect(Collectors.groupingBy(
                r -> r.value().source().deviceId() + "#" + r.value().seq(), Collectors.counting()));
        assertThat(perDeviceAndSeq).hasSize(22).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
        assertThat(received).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(r.value().source().partitionKey());
            assertThat(r.value().historical()).isFalse();
        });
        Map<String, Reading> last = received.stream().collect(Collectors.toMap(
                r -> r.value().source().deviceId(), ConsumerRecord::value, (a, b) -> b));
        assertThat(received).filteredOn(r -> r.value().source().rack() != null)
                .extracting(ConsumerRecord::key).containsOnly("it-a/B3/R01", "it-a/B3/R02");
        assertThat(received).filteredOn(r -> r.value().source().rack() == null)
                .extracting(ConsumerRecord::key).containsOnly("it-a/B3");
        assertThat(last.get("it-a/B3/bms/R01/M01").measurement())
                .isEqualTo(new BmsSample(java.util.Arrays.asList(3.31, 3.30, null), List.of(24.5), null, null));
        assertThat(((EnvSample) last.get("it-a/B3/env/offgas1").measurement()).vocPpm()).isEqualTo(4.5);
        assertThat(last.get("it-a/B3/fire/panel1").measurement()).isEqualTo(new FireEvent("B3-1", FireEventType.PRE_ALARM));
        assertThat(last.get("it-a/B3/gateway/gw1").measurement()).isEqualTo(new GatewayStatus(true));
        await().atMost(WAIT).until(() -> ingest.stats().forwarded() - forwardedBefore == 22);
    }

    @Test
    void shouldDeadLetterWithTopicBytesReasonAndFieldWhenMessagesBreakTheContract() throws Exception {
        // Given
        byte[] notUtf8 = {(byte) 0xff, (byte) 0xfe, '{', '}'};
        String oneBadField = "{\"ts\":" + now() + ",\"seq\":1,\"air_t\":\"warm\",\"rh\":41.0}";

        // When
        sensors.publish("dc/it-b/B3/env/s1", "not json at all");
        sensors.publish("dc/it-b/B3/env/s2", "{\"seq\":1,\"air_t\":20.5}");
        sensors.publish("dc/it-b/B3/kitchen/x1", "{\"ts\":" + now() + "}");
        sensors.publish("dc/it-b/B3/env/s4", notUtf8);
        sensors.publish("dc/it-b/B3/env/s3", oneBadField);

        // Then
        await().atMost(WAIT).until(() -> deadLettersOf("it-b").size() >= 5 && readingsOf("it-b").size() >= 1);
        assertThat(deadLettersOf("it-b")).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().originalTopic()));
        Map<String, DeadLetter> byTopic = deadLettersOf("it-b").stream().collect(Collectors.toMap(ConsumerRecord::key, ConsumerRecord::value));
        assertThat(byTopic).hasSize(5);
        assertThat(byTopic.get("dc/it-b/B3/env/s1").payload()).isEqualTo("not json at all".getBytes(StandardCharsets.UTF_8));
        assertThat(byTopic.get("dc/it-b/B3/env/s1").reason()).contains("not JSON");
        assertThat(byTopic.get("dc/it-b/B3/env/s2").reason()).contains("ts is missing");
        assertThat(byTopic.get("dc/it-b/B3/kitchen/x1").reason()).contains("topic outside the layout");
        assertThat(byTopic.get("dc/it-b/B3/env/s4").payload()).isEqualTo(notUtf8);
        assertThat(byTopic.get("dc/it-b/B3/env/s4").reason()).contains("UTF-8");
        assertThat(byTopic.values()).filteredOn(DeadLetter::wholeMessage).hasSize(4)
                .allSatisfy(d -> assertThat(d.receivedAt()).isPositive());
        DeadLetter partial = byTopic.get("dc/it-b/B3/env/s3");
        assertThat(partial.field()).isEqualTo("air_t");
        assertThat(partial.payload()).isEqualTo(oneBadField.getBytes(StandardCharsets.UTF_8));
        assertThat(readingsOf("it-b")).singleElement().satisfies(r -> {
            EnvSample env = (EnvSample) r.value().measurement();
            assertThat(env.airT()).isNull();
            assertThat(env.rh()).isEqualTo(41.0);
        });
    }

    @Test
    void shouldDropRepeatedSeqWhenTheSameDevicePublishesItAgain() throws Exception {
        // Given
        long duplicatesBefore = ingest.stats().duplicates();

        // When
        for (int seq : new int[] {1, 2, 2, 3, 1}) {
            sensors.publish("dc/it-c/B3/env/s1", "{\"ts\":" + now() + ",\"seq\":" + seq + ",\"rh\":40.0}");
        }
        sensors.publish("dc/it-c/B3/env/s9", "{\"ts\":" + now() + ",\"seq\":2,\"rh\":40.0}");

        // Then
        await().atMost(WAIT).until(() -> ingest.stats().duplicates() - duplicatesBefore == 2 && readingsOf("it-c").size() >= 4);
        Thread.sleep(500); // nothing more may arrive
        Map<String, Long> perDeviceAndSeq = readingsOf("it-c").stream().collect(Collectors.groupingBy(
                r -> r.value().source().device() + "#" + r.value().seq(), Collectors.counting()));
        assertThat(perDeviceAndSeq).containsOnly(Map.entry("s1#1", 1L), Map.entry("s1#2", 1L), Map.entry("s1#3", 1L),
                Map.entry("s9#2", 1L));
    }

    @Test
    void shouldMarkReadingHistoricalWhenLiveAndItArrivesLaterThanTheStalenessBound() throws Exception {
        // Given
        long old = System.currentTimeMillis() - STALENESS.toMillis() - 60_000;

        // When
        sensors.publish("dc/it-d/B3/env/s1", "{\"ts\":" + old + ",\"seq\":1,\"smoke_pct_m\":0.003}");
        sensors.publish("dc/it-d/B3/env/s1", "{\"ts\":" + now() + ",\"seq\":2,\"smoke_pct_m\":0.004}");

        // Then
        await().atMost(WAIT).until(() -> readingsOf("it-d").size() >= 2);
        Map<Long, Boolean> historicalBySeq = readingsOf("it-d").stream()
                .collect(Collectors.toMap(r -> r.value().seq(), r -> r.value().historical()));
        assertThat(historicalBySeq).containsOnly(Map.entry(1L, true), Map.entry(2L, false));
    }

    @Test
    void shouldCountReceivedForwardedRejectedDuplicatesAndGapsOnTheMetricsEndpointWhenTrafficIsKnown() throws Exception {
        // Given
        String before = metrics.get().body();

        // When: 4 messages of a device (one repeated seq, one gap of 2), one not JSON, one with a bad value
        for (int seq : new int[] {0, 1, 1, 4}) {
            sensors.publish("dc/it-m/B3/env/s1", "{\"ts\":" + now() + ",\"seq\":" + seq + ",\"rh\":40.0}");
        }
        sensors.publish("dc/it-m/B3/env/s2", "{not json");
        sensors.publish("dc/it-m/B3/env/s3", "{\"ts\":" + now() + ",\"rh\":40.0,\"air_t\":\"hot\"}");

        // Then
        await().atMost(WAIT).until(() -> delta(before, "firebreak_ingest_forwarded_total") == 4
                && delta(before, "firebreak_ingest_rejected_total{reason=\"not_json\"}") == 1
                && delta(before, "firebreak_ingest_rejected_total{reason=\"bad_value\"}") == 1);
        HttpResponse<String> response = metrics.get();
        String after = response.body();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(MetricsScraper.valueIn(after, "firebreak_ingest_received_total")
                - MetricsScraper.valueIn(before, "firebreak_ingest_received_total")).isEqualTo(6);
        assertThat(MetricsScraper.valueIn(after, "firebreak_ingest_duplicates_total")
                - MetricsScraper.valueIn(before, "firebreak_ingest_duplicates_total")).isEqualTo(1);
        assertThat(MetricsScraper.valueIn(after, "firebreak_ingest_gaps_total")
                - MetricsScraper.valueIn(before, "firebreak_ingest_gaps_total")).isEqualTo(2);
        assertThat(MetricsScraper.sumIn(after, "firebreak_ingest_rejected_total")
                - MetricsScraper.sumIn(before, "firebreak_ingest_rejected_total")).isEqualTo(2);
        assertThat(MetricsScraper.valueIn(after, "firebreak_ingest_inflight")).isZero();
        assertThat(MetricsScraper.valueIn(after, "firebreak_ingest_kafka_send_seconds_count")).isPositive();
        assertThat(after).contains("firebreak_ingest_rejected_total{reason=\"bad_topic\"}");
    }

    @Test
    void shouldPutOneTelemetryLossAlertOnTheAlertsTopicWhenABrokerDropsAFirePanelsMessages() throws Exception {
        // Given a fire panel publishing in order
        try (KafkaTopicReader<io.firebreak.telemetry.decision.Alert> alerts = new KafkaTopicReader<>(kafka.bootstrapServers(), Topics.ALERTS)) {
            for (int seq = 0; seq < 10; seq++) {
                sensors.publish("dc/it-l/B3/fire/fp1", "{\"ts\":" + now() + ",\"seq\":" + seq + ",\"zone\":\"B3-1\",\"event\":\"reset\"}");
            }

            // When five of its messages never reach ingest (a broker queue overflowing), then more later
            sensors.publish("dc/it-l/B3/fire/fp1", "{\"ts\":" + now() + ",\"seq\":15,\"zone\":\"B3-1\",\"event\":\"alarm\"}");
            sensors.publish("dc/it-l/B3/fire/fp1", "{\"ts\":" + now() + ",\"seq\":20,\"zone\":\"B3-1\",\"event\":\"alarm\"}");

            // Then the facility is told once, about that device, keyed by its room
            await().atMost(WAIT).until(() -> readingsOf("it-l").size() == 12);
            await().atMost(WAIT).until(() -> !alertsOf(alerts, "it-l").isEmpty());
            await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> alertsOf(alerts, "it-l").size() == 1);
            List<ConsumerRecord<String, io.firebreak.telemetry.decision.Alert>> lost = alertsOf(alerts, "it-l");
            assertThat(lost.get(0).key()).isEqualTo("it-l/B3");
            assertThat(lost.get(0).value().summary()).startsWith("messages lost between the device and Firebreak: it-l/B3/fire/fp1");
            assertThat(lost.get(0).value().sensorFault()).isTrue();
        }
    }

    private static List<ConsumerRecord<String, io.firebreak.telemetry.decision.Alert>> alertsOf(
            KafkaTopicReader<io.firebreak.telemetry.decision.Alert> alerts, String site) {
        return alerts.poll().stream().filter(r -> r.value().site().equals(site)).toList();
    }

    private static double delta(String before, String series) throws Exception {
        return metrics.value(series) - MetricsScraper.valueIn(before, series);
    }
}
