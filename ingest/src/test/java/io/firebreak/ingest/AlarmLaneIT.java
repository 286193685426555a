package io.firebreak.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firebreak.embedded.KafkaKraftBroker;
import io.firebreak.embedded.MosquittoServer;
import io.firebreak.telemetry.contract.FireEvent;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.contract.TimeMode;
import io.firebreak.telemetry.kafka.KafkaSettings;
import io.firebreak.telemetry.kafka.Topics;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fire alarm is never queued behind battery data (issue 16), through a real Mosquitto and a real Kafka
 * broker: with 20,000 BMS messages waiting for ingest in the broker, a panel's alarm published after all of
 * them reaches Kafka (readings and priority topics) ahead of most of them, because the alarm lane has its
 * own MQTT session, forwarder and producer. With one lane it would be the 20,001st.
 */
class AlarmLaneIT {

    private static final Logger LOG = LoggerFactory.getLogger(AlarmLaneIT.class);
    private static final int BACKLOG = 20_000;
    private static final int MODULES = 10;

    @Test
    void shouldForwardAnAlarmAheadOfABacklogOfBatteryData() throws Exception {
        try (KafkaKraftBroker kafka = KafkaKraftBroker.start(); MosquittoServer mosquitto = MosquittoServer.start()) {
            IngestConfig config = IngestConfig.of(mosquitto.serverUri(), "lane-it", KafkaSettings.local(kafka.bootstrapServers()))
                    .withTime(TimeMode.REPLAY, Duration.ofSeconds(30));
            // Given both lanes' persistent sessions exist, and ingest is down while the site keeps publishing
            try (IngestService first = new IngestService(config)) {
                // closing keeps both sessions with the broker (clean start off, expiry 1 h): it queues for them
                first.start();
            }
            long ts = System.currentTimeMillis();
            try (MqttTestPublisher site = new MqttTestPublisher(mosquitto.serverUri(), "lane-it-site")) {
                for (int i = 0; i < BACKLOG; i++) {
                    int module = i % MODULES;
                    site.publish("dc/lane-a/B3/bms/R01/M" + module, "{\"ts\":" + (ts + i) + ",\"seq\":" + (i / MODULES)
                            + ",\"cell_v\":[3.31,3.30,3.31,3.32],\"cell_t\":[24.5,24.6]}");
                }
                site.publish("dc/lane-a/B3/fire/panel1", "{\"ts\":" + (ts + BACKLOG) + ",\"seq\":0,\"zone\":\"B3-1\",\"event\":\"alarm\"}");
            }

            // When ingest comes back
            try (IngestService ingest = new IngestService(config);
                 KafkaTopicReader<Reading> readings = new KafkaTopicReader<>(kafka.bootstrapServers(), Topics.READINGS);
                 KafkaTopicReader<Reading> priority = new KafkaTopicReader<>(kafka.bootstrapServers(), Topics.PRIORITY)) {
                ingest.start();

                // Then every reading is on the readings topic once, the alarm on the priority topic too
                await().atMost(Duration.ofSeconds(120)).until(() -> readings.poll().size() >= BACKLOG + 1);
                List<ConsumerRecord<String, Reading>> all = readings.poll();
                assertThat(all).hasSize(BACKLOG + 1);
                await().atMost(Duration.ofSeconds(10)).until(() -> !priority.poll().isEmpty());
                List<ConsumerRecord<String, Reading>> alarms = priority.poll();
                assertThat(alarms).singleElement().satisfies(r -> {
                    assertThat(r.key()).isEqualTo("lane-a/B3");
                    assertThat(r.value().measurement()).isInstanceOf(FireEvent.class);
                });

                // and it went ahead of the battery backlog published before it
                long alarmWritten = alarms.get(0).timestamp();
                long overtaken = all.stream().filter(r -> r.value().source().rack() != null && r.timestamp() > alarmWritten).count();
                long spanMs = all.stream().mapToLong(ConsumerRecord::timestamp).max().orElseThrow()
                        - all.stream().mapToLong(ConsumerRecord::timestamp).min().orElseThrow();
                LOG.info("event=alarm_lane backlog={} overtaken={} backlog_drain_ms={}", BACKLOG, overtaken, spanMs);
                assertThat(overtaken).as("battery messages the alarm overtook").isGreaterThan(BACKLOG / 2);
            }
        }
    }
}
