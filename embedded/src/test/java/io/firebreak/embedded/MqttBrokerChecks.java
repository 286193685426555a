package io.firebreak.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The MQTT behaviour the pipeline relies on, checked the same way against HiveMQ and Mosquitto. */
final class MqttBrokerChecks {

    private MqttBrokerChecks() {
    }

    static void qos1RoundTrip(String uri) throws Exception {
        String topic = "fb/it/" + UUID.randomUUID() + "/qos1";
        try (MqttProbe sub = MqttProbe.connect(uri, "sub-" + UUID.randomUUID());
             MqttProbe pub = MqttProbe.connect(uri, "pub-" + UUID.randomUUID())) {
            sub.subscribe(topic, 1);
            pub.publish(topic, "hello-qos1", 1, false);
            MqttProbe.Received got = sub.poll(10_000);
            assertThat(got).isNotNull();
            assertThat(got.topic()).isEqualTo(topic);
            assertThat(got.payload()).isEqualTo("hello-qos1");
            assertThat(got.qos()).isEqualTo(1);
            assertThat(got.retained()).isFalse();
        }
    }

    static void sharedSubscriptionSplitsMessages(String uri) throws Exception {
        String run = UUID.randomUUID().toString();
        try (MqttProbe a = MqttProbe.connect(uri, "shared-a-" + run);
             MqttProbe b = MqttProbe.connect(uri, "shared-b-" + run);
             MqttProbe pub = MqttProbe.connect(uri, "shared-pub-" + run)) {
            a.subscribe("$share/g/a/#", 1);
            b.subscribe("$share/g/a/#", 1);
            int count = 20;
            for (int i = 0; i < count; i++) {
                pub.publish("a/" + run + "/" + i, "m" + i, 1, false);
            }
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> a.received().size() + b.received().size() >= count);
            List<MqttProbe.Received> all = new ArrayList<>(a.received());
            all.addAll(b.received());
            Set<String> payloads = new HashSet<>();
            all.forEach(r -> payloads.add(r.payload()));
            assertThat(all).hasSize(count);
            assertThat(payloads).hasSize(count);
            assertThat(all).allSatisfy(r -> assertThat(r.topic()).startsWith("a/" + run + "/"));
        }
    }

    static void retainedMessageReachesLateSubscriber(String uri) throws Exception {
        String topic = "fb/it/" + UUID.randomUUID() + "/retained";
        try (MqttProbe pub = MqttProbe.connect(uri, "ret-pub-" + UUID.randomUUID())) {
            pub.publish(topic, "last-known-state", 1, true);
        }
        assertRetained(uri, topic, "last-known-state");
    }

    static void assertRetained(String uri, String topic, String payload) throws Exception {
        try (MqttProbe late = MqttProbe.connect(uri, "ret-late-" + UUID.randomUUID())) {
            late.subscribe(topic, 1);
            MqttProbe.Received got = late.poll(10_000);
            assertThat(got).isNotNull();
            assertThat(got.topic()).isEqualTo(topic);
            assertThat(got.payload()).isEqualTo(payload);
            assertThat(got.retained()).isTrue();
        }
    }
}
