package io.firebreak.ingest;

import java.nio.charset.StandardCharsets;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/** A sensor stand-in: publishes with QoS 1 and waits for the broker's PUBACK. */
final class MqttTestPublisher implements AutoCloseable {

    private final MqttClient client;

    MqttTestPublisher(String serverUri, String clientId) throws MqttException {
        client = new MqttClient(serverUri, clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setConnectionTimeout(5);
        client.connect(options);
    }

    void publish(String topic, String payload) throws MqttException {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    void publish(String topic, byte[] payload) throws MqttException {
        for (int attempt = 1; ; attempt++) {
            try {
                client.publish(topic, payload, 1, false);
                return;
            } catch (MqttException e) {
                // Paho v5 may still count the previous, acknowledged publish as in flight (its callback thread
                // lags on a busy machine) and refuse this one; wait for it to catch up
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT || attempt == 100) {
                    throw e;
                }
                sleep(20);
            }
        }
    }

    private static void sleep(long millis) throws MqttException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MqttException(e);
        }
    }

    void publishRetained(String topic, String payload) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, true);
    }

    @Override
    public void close() throws MqttException {
        client.disconnect(2_000);
        client.close(true);
    }
}
