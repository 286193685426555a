package io.firebreak.streams.topology;

import static io.firebreak.streams.topology.Readings.B3;
import static io.firebreak.streams.topology.Readings.bms;
import static io.firebreak.streams.topology.Readings.healthyVolts;
import static io.firebreak.streams.topology.Readings.probes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firebreak.embedded.KafkaKraftBroker;
import io.firebreak.streams.DetectionConfig;
import io.firebreak.streams.DetectionService;
import io.firebreak.telemetry.contract.FireEventType;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.contract.TimeMode;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.inventory.InventoryLoader;
import io.firebreak.telemetry.inventory.Rack;
import io.firebreak.telemetry.kafka.KafkaSettings;
import io.firebreak.telemetry.kafka.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 through a real broker: the rooms part of detection (alarm lane and deciders) runs as a Kafka Streams
 * application of its own, so a fire alarm becomes a drain while the battery part is stopped behind a backlog of
 * cell data, and the battery part, resumed, catches up on every reading.
 */
class DetectionLanesIT {

    private static final int BACKLOG = 20_000;

    @TempDir
    Path stateDir;

    @Test
    void shouldDrainOnAFireAlarmWhileTheBatteryPartIsStoppedBehindABacklog() throws Exception {
        try (KafkaKraftBroker broker = KafkaKraftBroker.start()) {
            KafkaSettings kafka = KafkaSettings.local(broker.bootstrapServers());
            DetectionConfig config = DetectionConfig.of(kafka, new InventoryLoader(n -> null).loadResource("/inventory/pangyo.yaml"),
                    TimeMode.LIVE, stateDir);
            try (DetectionService service = new DetectionService(config);
                 KafkaProducer<String, Reading> producer = new KafkaProducer<>(kafka.clientProperties(),
                         Topics.READINGS.keySerde().serializer(), Topics.READINGS.valueSerde().serializer())) {
                service.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> service.state() == KafkaStreams.State.RUNNING);

                // Given the battery part stopped, as one far behind or stuck would be, with a backlog of cell data
                service.pauseBattery(true);
                long start = System.currentTimeMillis() - BACKLOG / 16 * 1000L;
                for (int i = 0; i < BACKLOG; i++) {
                    Reading sample = bms(B3, "3E-1", Rack.moduleId(i % 16 + 1), start + i / 16 * 1000L, probes(25, 25, 25, 25), healthyVolts());
                    producer.send(new ProducerRecord<>(Topics.READINGS.name(), sample.source().partitionKey(), sample));
                }
                producer.flush();

                // When the room's fire panel goes to alarm with smoke, as ingest's alarm lane writes them
                long now = System.currentTimeMillis();
                for (Reading reading : List.of(Readings.env(B3, "asd-b3-1", now, 0.003, 0.0), Readings.fire(B3, now + 1, FireEventType.ALARM))) {
                    for (String topic : DetectionTopology.topicsOf(reading)) {
                        producer.send(new ProducerRecord<>(topic, reading.source().partitionKey(), reading)).get();
                    }
                }

                // Then the room drains, and the battery part has not read one of the backlog's readings
                List<DrainDecision> drains = new ArrayList<>();
                try (KafkaConsumer<String, DrainDecision> decisions = decisions(kafka)) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> {
                        for (ConsumerRecord<String, DrainDecision> record : decisions.poll(Duration.ofMillis(200))) {
                            drains.add(record.value());
                        }
                        return !drains.isEmpty();
                    });
                }
                assertThat(drains).first().satisfies(d -> {
                    assertThat(d.room()).isEqualTo(B3);
                    assertThat(d.type()).isEqualTo(DrainDecision.REQUESTED);
                });
                try (Admin admin = Admin.create(kafka.clientProperties())) {
                    assertThat(committed(admin, config.applicationId())).isZero();

                    // and once resumed it catches up on every reading
                    service.pauseBattery(false);
                    long end = endOffsets(admin);
                    await().atMost(Duration.ofSeconds(120)).until(() -> committed(admin, config.applicationId()) >= end);
                }
            }
        }
    }

    private static KafkaConsumer<String, DrainDecision> decisions(KafkaSettings kafka) {
        Properties props = kafka.clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "lanes-it");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, DrainDecision> consumer = new KafkaConsumer<>(props, Topics.DECISIONS.keySerde().deserializer(),
                Topics.DECISIONS.valueSerde().deserializer());
        consumer.subscribe(List.of(Topics.DECISIONS.name()));
        return consumer;
    }

    /** Readings the group {@code group} has committed (0 when it has committed none). */
    private static long committed(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(Topics.READINGS.name()) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    private static long endOffsets(Admin admin) throws Exception {
        String topic = Topics.READINGS.name();
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).values().stream().mapToLong(r -> r.offset()).sum();
    }
}
