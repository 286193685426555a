package io.firebreak.ingest.bench;

import io.firebreak.telemetry.contract.ContractParser;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The two ceilings ingest is bounded by, each measured alone: a plain Paho v5 subscriber (QoS 1, automatic
 * acknowledgement, the same receive maximum as ingest) counting the workload through the same broker, and a
 * plain Kafka producer (acks=all, idempotent, ingest's linger) sending the very records ingest would make.
 */
final class RawStages {

    /** The topic the producer ceiling writes to, so the readings topic only ever holds readings. */
    static final String KAFKA_CEILING_TOPIC = "firebreak.bench.kafka-ceiling";

    private RawStages() {
    }

    /** Seconds from the start of publishing until the subscriber has received every message. */
    static double pahoSubscribe(String serverUri, BenchWorkload workload, int receiveMaximum, int publishers,
                                Duration timeout) throws Exception {
        int expected = workload.messages().size();
        CountDownLatch received = new CountDownLatch(expected);
        MqttAsyncClient subscriber = new MqttAsyncClient(serverUri, "bench-paho-sub-" + workload.site(), new MemoryPersistence());
        subscriber.setCallback(new CountingCallback(received));
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setReceiveMaximum(receiveMaximum);
        try {
            subscriber.connect(options).waitForCompletion(30_000);
            subscriber.subscribe(new MqttSubscription("dc/" + workload.site() + "/#", 1)).waitForCompletion(30_000);
            long t0 = System.nanoTime();
            BenchPublishers.publishAll(serverUri, "bench-paho-pub-" + workload.site(), workload, publishers);
            if (!received.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("paho stage: " + received.getCount() + " of " + expected
                        + " messages not received within " + timeout);
            }
            return (System.nanoTime() - t0) / 1e9;
        } finally {
            subscriber.disconnect().waitForCompletion(5_000);
            subscriber.close();
        }
    }

    /** Seconds to send every record (serialized beforehand) and have Kafka acknowledge all of them. */
    static double kafkaProduce(Properties clientProperties, BenchWorkload workload, int partitions) throws Exception {
        ensureTopic(clientProperties, partitions);
        ContractParser parser = new ContractParser(TopicLayout.defaults());
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(workload.messages().size());
        for (BenchWorkload.Message message : workload.messages()) {
            Reading reading = parser.parse(message.topic(), message.payload(), System.currentTimeMillis()).reading().orElseThrow();
            records.add(new ProducerRecord<>(KAFKA_CEILING_TOPIC, reading.source().partitionKey(),
                    Topics.READINGS.valueSerde().serializer().serialize(Topics.READINGS.name(), reading)));
        }
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        CountDownLatch acked = new CountDownLatch(records.size());
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            producer.partitionsFor(KAFKA_CEILING_TOPIC); // metadata outside the timing
            long t0 = System.nanoTime();
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(record, (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                    acked.countDown();
                });
            }
            acked.await();
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (failure.get() != null) {
                throw new IllegalStateException("kafka stage: a send failed: " + failure.get(), failure.get());
            }
            return seconds;
        }
    }

    private static void ensureTopic(Properties clientProperties, int partitions) throws Exception {
        try (Admin admin = Admin.create(clientProperties)) {
            admin.createTopics(Set.of(new NewTopic(KAFKA_CEILING_TOPIC, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** Counts arrivals; Paho acknowledges each when this returns. */
    private record CountingCallback(CountDownLatch received) implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received.countDown();
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
