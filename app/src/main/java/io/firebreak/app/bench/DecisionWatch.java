package io.firebreak.app.bench;

import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.kafka.KafkaSettings;
import io.firebreak.telemetry.kafka.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Notes when the first drain decision for each room reaches Kafka (committed), on a thread of its own. */
final class DecisionWatch implements AutoCloseable {

    private final KafkaConsumer<String, DrainDecision> consumer;
    private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
    private final Thread thread;

    DecisionWatch(KafkaSettings kafka) {
        Properties props = kafka.clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-decision-watch");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), Topics.DECISIONS.valueSerde().deserializer());
        thread = new Thread(this::poll, "bench-decision-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void poll() {
        try {
            consumer.subscribe(List.of(Topics.DECISIONS.name()));
            while (true) {
                for (ConsumerRecord<String, DrainDecision> record : consumer.poll(Duration.ofMillis(20))) {
                    firstSeen.putIfAbsent(record.value().room(), System.currentTimeMillis());
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    /** The wall-clock millis at which the first decision for {@code room} was seen; waits up to {@code timeout}. */
    long awaitDecision(String room, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Long seen = firstSeen.get(room);
            if (seen != null) {
                return seen;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no drain decision for room " + room + " within " + timeout);
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(5_000);
    }
}
