package io.firebreak.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HiveMqBrokerIT {

    private static HiveMqBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = HiveMqBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void listensOnLoopbackFreePort() {
        assertThat(broker.serverUri()).isEqualTo("tcp://127.0.0.1:" + broker.port());
        assertThat(FreePorts.isListening(broker.port())).isTrue();
    }

    @Test
    void qos1RoundTrip() throws Exception {
        MqttBrokerChecks.qos1RoundTrip(broker.serverUri());
    }

    @Test
    void sharedSubscriptionDeliversEachMessageOnceToTheGroup() throws Exception {
        MqttBrokerChecks.sharedSubscriptionSplitsMessages(broker.serverUri());
    }

    @Test
    void retainedMessageReachesLateSubscriber() throws Exception {
        MqttBrokerChecks.retainedMessageReachesLateSubscriber(broker.serverUri());
    }
}
