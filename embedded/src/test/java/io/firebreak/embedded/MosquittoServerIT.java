package io.firebreak.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MosquittoServerIT {

    private static MosquittoServer server;

    @BeforeAll
    static void startServer() {
        server = MosquittoServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
            assertThat(FreePorts.isListening(server.port())).isFalse();
        }
    }

    @Test
    void qos1RoundTrip() throws Exception {
        MqttBrokerChecks.qos1RoundTrip(server.serverUri());
    }

    @Test
    void sharedSubscriptionDeliversEachMessageOnceToTheGroup() throws Exception {
        MqttBrokerChecks.sharedSubscriptionSplitsMessages(server.serverUri());
    }

    @Test
    void retainedMessageReachesLateSubscriber() throws Exception {
        MqttBrokerChecks.retainedMessageReachesLateSubscriber(server.serverUri());
    }

    @Test
    void restartKeepsPortRetainedMessagesAndPersistentSessions() throws Exception {
        String uri = server.serverUri();
        String run = UUID.randomUUID().toString();
        String retainedTopic = "fb/it/" + run + "/retained";
        String queuedTopic = "fb/it/" + run + "/queued";
        String sessionClient = "persistent-" + run;
        try (MqttProbe pub = MqttProbe.connect(uri, "pub-" + run)) {
            pub.publish(retainedTopic, "before-restart", 1, true);
        }
        try (MqttProbe durable = MqttProbe.connect(uri, sessionClient, false, 3600)) {
            durable.subscribe(queuedTopic, 1);
        }

        server.stop();
        assertThat(server.isRunning()).isFalse();
        assertThat(FreePorts.isListening(server.port())).isFalse();
        server.restart();

        assertThat(server.serverUri()).isEqualTo(uri);
        assertThat(server.isRunning()).isTrue();
        try (MqttProbe pub = MqttProbe.connect(uri, "pub2-" + run)) {
            pub.publish(queuedTopic, "while-offline", 1, false);
        }
        MqttBrokerChecks.assertRetained(uri, retainedTopic, "before-restart");
        try (MqttProbe durable = MqttProbe.connect(uri, sessionClient, false, 3600)) {
            MqttProbe.Received got = durable.poll(10_000);
            assertThat(got).isNotNull();
            assertThat(got.topic()).isEqualTo(queuedTopic);
            assertThat(got.payload()).isEqualTo("while-offline");
        }
    }
}
