package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firebreak.embedded.MosquittoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code firebreak simulate --record} then {@code firebreak replay}, against a real Mosquitto. */
class SimulateReplayIT {

    @TempDir
    Path dir;

    @Test
    void shouldPublishARecordingAgainMessageForMessage() throws Exception {
        try (MosquittoServer mosquitto = MosquittoServer.start()) {
            MqttClient subscriber = new MqttClient(mosquitto.serverUri(), "replay-it-sub", new MemoryPersistence());
            AtomicLong received = new AtomicLong();
            // a callback, not subscribe(topic, qos, listener): that overload recurses forever in Paho 1.2.5
            subscriber.setCallback(new Counting(received));
            subscriber.connect(new MqttConnectionOptions());
            subscriber.subscribe("dc/#", 1);
            Path recording = dir.resolve("pangyo.jsonl");

            int simulated = Main.commandLine().execute("simulate", "--scenario", "pangyo-2022", "--as-fast-as-possible",
                    "--mqtt", mosquitto.serverUri(), "--record", recording.toString());
            long lines = Files.lines(recording).count();
            await().atMost(Duration.ofSeconds(60)).until(() -> received.get() >= lines);
            long afterSimulate = received.get();

            int replayed = Main.commandLine().execute("replay", recording.toString(), "--as-fast-as-possible", "--mqtt", mosquitto.serverUri());

            assertThat(simulated).isZero();
            assertThat(replayed).isZero();
            assertThat(lines).as("the whole fire: every module for minutes (modules may sample every few seconds)").isGreaterThan(5_000);
            assertThat(Files.exists(Path.of(recording + ".groundtruth.json"))).isTrue();
            await().atMost(Duration.ofSeconds(60)).until(() -> received.get() >= afterSimulate + lines);
            assertThat(received.get()).as("every recorded message published twice, once live and once replayed")
                    .isBetween(2 * lines, 2 * lines + 10);
            subscriber.disconnect();
            subscriber.close();
        }
    }

    private record Counting(AtomicLong received) implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received.incrementAndGet();
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
