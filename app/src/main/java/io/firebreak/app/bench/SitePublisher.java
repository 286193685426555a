package io.firebreak.app.bench;

import io.firebreak.simulators.SimMessage;
import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.inventory.Room;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Publishes a site's telemetry as its room gateways would, one Paho v5 connection per room, each with a
 * window of QoS 1 publishes in flight so that one round trip per message does not bound a 100,000-cell
 * site. One thread publishes, so each device's messages stay in order.
 */
final class SitePublisher implements AutoCloseable {

    /** Publishes in flight per room: below Mosquitto's default receive maximum of 20. */
    private static final int WINDOW = 16;

    private final TopicLayout layout;
    private final Map<String, MqttAsyncClient> clients = new HashMap<>();
    private final Map<String, Semaphore> windows = new HashMap<>();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    SitePublisher(String serverUri, SiteInventory site, TopicLayout layout) throws MqttException {
        this.layout = layout;
        for (Room room : site.rooms()) {
            MqttAsyncClient client = new MqttAsyncClient(serverUri, "bench-gw-" + room.id(), new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            client.connect(options).waitForCompletion(30_000);
            clients.put(room.id(), client);
            windows.put(room.id(), new Semaphore(WINDOW));
        }
    }

    /** Publishes a batch, waiting only when a room's window is full. */
    void publish(List<SimMessage> batch) throws MqttException, InterruptedException {
        for (SimMessage message : batch) {
            publish(message.topic(), message.payload(), message.retained());
        }
    }

    void publish(String topic, byte[] payload, boolean retained) throws MqttException, InterruptedException {
        String room = layout.parse(topic).room();
        Semaphore window = windows.get(room);
        MqttAsyncClient client = clients.get(room);
        if (client == null) {
            throw new IllegalArgumentException("topic: no connection for room '" + room + "' of " + topic);
        }
        window.acquire();
        MqttActionListener release = new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                acked.incrementAndGet();
                window.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable error) {
                failed.incrementAndGet();
                window.release();
            }
        };
        MqttMessage mqtt = new MqttMessage(payload, 1, retained, null);
        while (true) {
            try {
                client.publish(topic, mqtt, null, release);
                return;
            } catch (MqttException e) {
                // Paho may still count an acknowledged publish as in flight for a moment
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                    window.release();
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(1);
            }
        }
    }

    /** Messages the broker has acknowledged. */
    long acked() {
        return acked.get();
    }

    long failed() {
        return failed.get();
    }

    /** Waits until every publish is acknowledged (or failed). */
    void drain() throws InterruptedException {
        for (Semaphore window : windows.values()) {
            window.acquire(WINDOW);
            window.release(WINDOW);
        }
    }

    @Override
    public void close() {
        for (MqttAsyncClient client : clients.values()) {
            try {
                client.disconnect().waitForCompletion(5_000);
                client.close();
            } catch (MqttException e) {
                // the broker is going away with the benchmark
            }
        }
    }
}
