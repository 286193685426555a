package io.firebreak.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.telemetry.contract.TimeMode;
import io.firebreak.telemetry.inventory.InventoryLoader;
import io.firebreak.telemetry.inventory.SiteInventory;
import io.firebreak.telemetry.kafka.KafkaSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DetectionConfigTest {

    private static final SiteInventory PANGYO = new InventoryLoader(name -> null).loadResource("/inventory/pangyo.yaml");

    @Test
    void shouldLetOtherInstancesTakeADeadInstancesRoomsWithinTenSecondsUnlessConfiguredOtherwise() {
        Properties defaults = DetectionConfig.of(KafkaSettings.local("k:9092"), PANGYO, TimeMode.LIVE, Path.of("/tmp/x")).streamsProperties();
        Properties own = DetectionConfig.of(new KafkaSettings("k:9092", Map.of("session.timeout.ms", "30000"), 6, (short) 1), PANGYO,
                TimeMode.LIVE, Path.of("/tmp/x")).streamsProperties();

        assertThat(defaults.get("consumer.session.timeout.ms")).isEqualTo(10_000);
        assertThat(defaults.get("consumer.heartbeat.interval.ms")).isEqualTo(3_333);
        assertThat(own.get("consumer.session.timeout.ms")).isNull();
        assertThat(own.get("session.timeout.ms")).isEqualTo("30000");
    }

    @Test
    void shouldRunTheRoomsPartAsAnApplicationOfItsOwnThatNeverIdlesAndCacheTheModuleHistoriesInMemory() {
        DetectionConfig config = DetectionConfig.of(KafkaSettings.local("k:9092"), PANGYO, TimeMode.LIVE, Path.of("/tmp/x"));
        Properties battery = config.streamsProperties();
        Properties rooms = config.roomsStreamsProperties();
        Properties own = DetectionConfig.of(new KafkaSettings("k:9092", Map.of("statestore.cache.max.bytes", "1048576"), 6, (short) 1),
                PANGYO, TimeMode.LIVE, Path.of("/tmp/x")).streamsProperties();

        assertThat(config.applicationIds()).containsExactly("firebreak-detect", "firebreak-detect-rooms");
        assertThat(battery.get("application.id")).isEqualTo("firebreak-detect");
        assertThat(rooms.get("application.id")).isEqualTo("firebreak-detect-rooms");
        assertThat(rooms.get("max.task.idle.ms")).isEqualTo(-1L);
        assertThat(battery.get("max.task.idle.ms")).isNull();
        assertThat(battery.get("statestore.cache.max.bytes")).isEqualTo(64L << 20);
        assertThat(rooms.get("statestore.cache.max.bytes")).isEqualTo(10L << 20);
        assertThat(own.get("statestore.cache.max.bytes")).isEqualTo("1048576");
    }
}
