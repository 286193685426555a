package io.firebreak.simulators;

import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.DeviceKind;
import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.inventory.Room;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes simulated telemetry over MQTT v5 with QoS 1, one connection per room as a room gateway
 * would, each with its gateway's Last Will ({@code online=false}, retained) so a killed simulator
 * shows up as a dead gateway. Paces messages by event time at a speed factor, or as fast as possible.
 */
public final class MqttPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttPublisher.class);

    /** Told of each message once the broker has acknowledged it, with the wall-clock time. */
    @FunctionalInterface
    public interface Listener {
        void published(SimMessage message, long wallMillis);
    }

    private final TopicLayout layout;
    private final Map<String, MqttClient> clients = new HashMap<>();

    /**
     * Connects one client per room of {@code site} to {@code serverUri}.
     *
     * @param clientIdPrefix prefix of the MQTT client ids ({@code prefix-room})
     */
    public MqttPublisher(String serverUri, String clientIdPrefix, SiteInventory site, TopicLayout layout)
            throws MqttException {
        this(serverUri, clientIdPrefix, site, layout, gateway -> null);
    }

    /**
     * Likewise, each room's client logging in as the room's gateway with the password {@code gatewayPassword}
     * gives for it (null: anonymous), as a broker with the shipped ACL requires (deploy/mosquitto/acl).
     */
    public MqttPublisher(String serverUri, String clientIdPrefix, SiteInventory site, TopicLayout layout,
                         java.util.function.Function<String, String> gatewayPassword) throws MqttException {
        this.layout = layout;
        for (Room room : site.rooms()) {
            MqttClient client = new MqttClient(serverUri, clientIdPrefix + "-" + room.id(), new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            String password = room.gateway() == null ? null : gatewayPassword.apply(room.gateway());
            if (password != null) {
                options.setUserName(room.gateway());
                options.setPassword(password.getBytes(StandardCharsets.UTF_8));
            }
            options.setAutomaticReconnect(true);
            options.setKeepAliveInterval(10);
            if (room.gateway() != null) {
                String topic = layout.topicOf(DeviceAddress.of(site.site(), room.id(), DeviceKind.GATEWAY, room.gateway()));
                MqttMessage will = new MqttMessage(
                        ("{\"ts\":" + System.currentTimeMillis() + ",\"online\":false}").getBytes(StandardCharsets.UTF_8), 1, true, null);
                options.setWill(topic, will);
            }
            client.setTimeToWait(30_000);
            client.connect(options);
            clients.put(room.id(), client);
        }
        LOG.info("event=simulator_connected broker={} rooms={}", serverUri, clients.keySet());
    }

    /** Publishes one message with QoS 1 and waits for the broker's acknowledgement. */
    public void publish(SimMessage message) throws MqttException {
        String room = layout.parse(message.topic()).room();
        MqttClient client = clients.get(room);
        if (client == null) {
            throw new IllegalArgumentException("topic: no connection for room '" + room + "' of " + message.topic());
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try {
                client.publish(message.topic(), message.payload(), 1, message.retained());
                return;
            } catch (MqttException e) {
                // Paho counts an acknowledged publish as in flight a moment longer than the broker does:
                // wait for the window instead of failing
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.onSpinWait();
                LockSupport.parkNanos(200_000);
            }
        }
    }

    /**
     * Plays a run: each one-second batch is published when its event time comes, {@code speed} times
     * faster than real time; {@code speed <= 0} publishes as fast as possible.
     */
    public void play(ScenarioRun run, double speed, Listener listener) throws MqttException, InterruptedException {
        long count = play(run, run.start(), speed, listener, Progress.NONE);
        LOG.info("event=scenario_published scenario={} messages={}", run.scenario().name(), count);
    }

    /** Plays batches (a run or a {@link Recording}) paced from event time {@code start}; see {@link #play(ScenarioRun, double, Listener)}. */
    public void play(Iterable<List<SimMessage>> batches, long start, double speed, Listener listener)
            throws MqttException, InterruptedException {
        play(batches, start, speed, listener, Progress.NONE);
    }

    /**
     * Plays batches paced from event time {@code start}, reporting to {@code progress}. A batch is due
     * when its newest message is; a flushed backlog (old {@code ts}) goes out at once.
     *
     * @return the number of messages published
     */
    public long play(Iterable<List<SimMessage>> batches, long start, double speed, Listener listener, Progress progress)
            throws MqttException, InterruptedException {
        long wallStart = System.currentTimeMillis();
        long count = 0;
        for (List<SimMessage> batch : batches) {
            if (batch.isEmpty()) {
                continue;
            }
            long newest = batch.stream().mapToLong(SimMessage::ts).max().orElse(start);
            if (speed > 0) {
                long due = wallStart + (long) ((newest - start) / speed);
                long wait = due - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
            }
            for (SimMessage message : batch) {
                publish(message);
                listener.published(message, System.currentTimeMillis());
                count++;
            }
            progress.batch(newest, batch.size());
        }
        progress.done();
        LOG.info("event=batches_published messages={} wall_ms={}", count, System.currentTimeMillis() - wallStart);
        return count;
    }

    @Override
    public void close() {
        for (MqttClient client : clients.values()) {
            try {
                if (client.isConnected()) {
                    client.disconnect();
                }
                client.close();
            } catch (MqttException e) {
                LOG.warn("event=simulator_disconnect_failed client={} reason={}", client.getClientId(), e.getMessage());
            }
        }
    }
}
