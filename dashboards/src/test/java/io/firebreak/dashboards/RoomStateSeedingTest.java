package io.firebreak.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firebreak.telemetry.kafka.KafkaSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A restarted sink carries on every room's state from InfluxDB: a critical room stays critical on screen. */
class RoomStateSeedingTest {

    private static final SinkConfig CONFIG = new SinkConfig(KafkaSettings.local("unused:9092"), null, "http://unused:8086",
            null, null, null, 100, Duration.ofMillis(20));

    private final List<String> stats = new CopyOnWriteArrayList<>();
    private InfluxSink sink;

    @AfterEach
    void closeSink() {
        if (sink != null) {
            sink.close();
        }
    }

    @Test
    void shouldWriteSeededRoomStatesAtFirstReportWhenSinkRestarts() {
        // Given InfluxDB holding a critical room's last alert and a quiet room's last state
        Writer writer = new Writer() {
            @Override
            public void write(BatchPoints batch) {
            }

            @Override
            public void writeStats(BatchPoints batch) {
                batch.getPoints().stream().map(Point::lineProtocol).forEach(stats::add);
            }

            @Override
            public List<Map<String, Object>> query(String influxQl) {
                if (influxQl.contains("FROM \"alert\"")) {
                    return List.of(Map.of("site", "pangyo-a", "room", "B3-battery", "level_rank", 3.0, "id", "alr-9", "time", 5_000.0));
                }
                return List.of(Map.of("site", "pangyo-a", "room", "B2-battery", "level_rank", 0.0, "alert_id", "",
                        "since_ms", 0.0, "last_reading_ms", 1_000.0));
            }
        };

        // When the sink starts again, with nothing new on Kafka
        sink = new InfluxSink(CONFIG, new MockConsumer<>("earliest"), writer);
        sink.start();

        // Then its first report already has both rooms, the critical one critical since its alert
        await().atMost(Duration.ofSeconds(10)).until(() -> stats.stream().filter(l -> l.startsWith("room_state")).count() >= 2);
        assertThat(stats).filteredOn(l -> l.startsWith("room_state,room=B3-battery")).first().asString()
                .contains("level_rank=3i", "alert_id=\"alr-9\"", "since_ms=5000i", "level=\"critical\"");
        assertThat(stats).filteredOn(l -> l.startsWith("room_state,room=B2-battery")).first().asString()
                .contains("level_rank=0i", "last_reading_ms=1000i", "telemetry_age_s=");
    }
}
