package io.firebreak.gateway;

import io.firebreak.telemetry.contract.ContractParser;
import io.firebreak.telemetry.contract.ParseOutcome;
import io.firebreak.telemetry.contract.TopicLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * What a downstream consumer of the room's topics sees: a Paho v5 subscriber with a persistent session
 * (it survives a broker restart), each message parsed with the contract's own parser.
 */
final class Subscriber implements AutoCloseable {

    /** One message as received, with the contract's verdict on it. */
    record Received(String topic, String payload, boolean retained, ParseOutcome outcome) {
    }

    private static final ContractParser PARSER = new ContractParser(TopicLayout.defaults());

    private final MqttClient client;
    private final List<Received> received = new ArrayList<>();

    Subscriber(String serverUri, String filter) throws MqttException {
        client = new MqttClient(serverUri, "test-sub-" + UUID.randomUUID(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                ParseOutcome outcome = PARSER.parse(topic, message.getPayload(), System.currentTimeMillis());
                synchronized (received) {
                    received.add(new Received(topic, new String(message.getPayload(), java.nio.charset.StandardCharsets.UTF_8),
                            message.isRetained(), outcome));
                }
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(600L);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 2);
        client.connect(options);
        client.subscribe(filter, 1).waitForCompletion(5_000);
    }

    List<Received> all() {
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }

    List<Received> on(String topic) {
        return all().stream().filter(r -> r.topic().equals(topic)).toList();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
