package io.firebreak.app;

import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.kafka.KafkaSettings;
import io.firebreak.telemetry.kafka.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Follows the alerts and decisions topics for the demo's timeline, noting when each record arrived. */
final class TopicWatcher implements AutoCloseable {

    record Seen<T>(T value, long wallMillis) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final List<Seen<Alert>> alerts = new CopyOnWriteArrayList<>();
    private final List<Seen<DrainDecision>> decisions = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    TopicWatcher(KafkaSettings kafka) {
        Properties props = kafka.clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "firebreak-demo-watch-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.ALERTS.name(), Topics.DECISIONS.name()));
        thread = new Thread(this::run, "demo-topic-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    long now = System.currentTimeMillis();
                    if (record.topic().equals(Topics.ALERTS.name())) {
                        alerts.add(new Seen<>(Topics.ALERTS.valueSerde().deserializer().deserialize(record.topic(), record.value()), now));
                    } else {
                        decisions.add(new Seen<>(Topics.DECISIONS.valueSerde().deserializer().deserialize(record.topic(), record.value()), now));
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    List<Seen<Alert>> alerts() {
        return List.copyOf(alerts);
    }

    List<Seen<DrainDecision>> decisions() {
        return List.copyOf(decisions);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }
}
