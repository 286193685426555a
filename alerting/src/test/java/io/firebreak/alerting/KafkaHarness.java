package io.firebreak.alerting;

import io.firebreak.embedded.KafkaKraftBroker;
import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DeliveryAttempt;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.OperatorAction;
import io.firebreak.telemetry.kafka.KafkaSettings;
import io.firebreak.telemetry.kafka.TopicDescriptor;
import io.firebreak.telemetry.kafka.Topics;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/** A real KRaft broker for one IT class, with the few Kafka chores the tests share. */
final class KafkaHarness implements AutoCloseable {

    final KafkaKraftBroker broker = KafkaKraftBroker.start();
    final KafkaSettings kafka = KafkaSettings.local(broker.bootstrapServers());

    KafkaHarness() {
        kafka.ensureTopics();
    }

    /** A fresh consumer group positioned after every record earlier tests left on the input topics. */
    String freshGroup() throws Exception {
        String groupId = "it-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (String topic : List.of(Topics.DECISIONS.name(), Topics.ALERTS.name())) {
                int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
                for (int p = 0; p < partitions; p++) {
                    latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            ends.forEach((tp, info) -> offsets.put(tp, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(groupId, offsets).all().get();
        }
        return groupId;
    }

    void produce(DrainDecision decision) throws Exception {
        produce(Topics.DECISIONS, decision.site() + "/" + decision.room(), decision);
    }

    void produce(Alert alert) throws Exception {
        produce(Topics.ALERTS, alert.site() + "/" + alert.room(), alert);
    }

    private <V> void produce(TopicDescriptor<String, V> topic, String key, V value) throws Exception {
        Properties props = kafka.clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, V> producer =
                     new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        }
    }

    /** Every audit record about {@code subject}, in partition order. */
    List<DeliveryAttempt> audit(String subject) {
        List<DeliveryAttempt> attempts = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = StartupReplay.assignedConsumer(kafka, Topics.AUDIT.name(), "it-audit")) {
            StartupReplay.readToEnd(consumer, r -> {
                DeliveryAttempt a = Topics.AUDIT.valueSerde().deserializer().deserialize(r.topic(), r.value());
                if (a.subject().equals(subject)) {
                    attempts.add(a);
                }
            });
        }
        return attempts;
    }

    /** Every operator action recorded about {@code subject}. */
    List<OperatorAction> actions(String subject) {
        List<OperatorAction> actions = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = StartupReplay.assignedConsumer(kafka, Topics.OPERATOR.name(), "it-ops")) {
            StartupReplay.readToEnd(consumer, r -> {
                OperatorAction a = Topics.OPERATOR.valueSerde().deserializer().deserialize(r.topic(), r.value());
                if (a.subject().equals(subject)) {
                    actions.add(a);
                }
            });
        }
        return actions;
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        broker.close();
    }
}
