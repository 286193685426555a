package io.firebreak.gateway.publish;

import io.firebreak.gateway.GatewayConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's one MQTT connection (Paho v5, QoS 1): its retained status with the matching Last Will
 * ({@code "online": false}), and readings in order. Pollers only hand readings over, never waiting on the
 * network: a reading joins a short line in memory, or the {@link DiskBuffer} when that line is full, the
 * broker is away, or anything already waits on disk (so the order is kept: memory, then disk, then new). One
 * sender thread forwards the line oldest first in batches, and removes a message only once the broker has
 * acknowledged it.
 */
public final class MqttOutbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttOutbox.class);
    private static final long ACK_TIMEOUT_MS = 5_000;
    /** Buffered messages sent before waiting for their acknowledgements. */
    private static final int BATCH = 200;
    /** Readings that wait in memory before further ones go to disk. */
    private static final int MEMORY_LINE = 2_000;

    private final GatewayConfig.Mqtt settings;
    private final String statusTopic;
    private final LongSupplier clock;
    private final MqttAsyncClient client;
    private final DiskBuffer buffer;
    private final ArrayDeque<Outbound> memory = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final AtomicBoolean connected = new AtomicBoolean();
    private final Counter published;
    private final Counter bufferedTotal;
    private final Counter dropped;
    private final Thread sender;
    private volatile byte[] status;
    private volatile boolean everConnected;
    private volatile boolean closed;

    public MqttOutbox(GatewayConfig config, LongSupplier clock, MeterRegistry registry) {
        this.settings = config.mqtt();
        this.statusTopic = settings.layout().topicOf(config.statusAddress());
        this.clock = clock;
        this.buffer = new DiskBuffer(config.buffer().dir(), config.buffer().maxMessages());
        try {
            this.client = new MqttAsyncClient(settings.serverUri(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("mqtt.server_uri: " + e.getMessage(), e);
        }
        client.setCallback(new Callback());
        this.published = Counter.builder("firebreak_gateway_published").description("Readings the broker acknowledged or took").register(registry);
        this.bufferedTotal = Counter.builder("firebreak_gateway_buffered").description("Readings that waited on disk for the broker").register(registry);
        this.dropped = Counter.builder("firebreak_gateway_dropped").tag("reason", "buffer_full")
                .description("Oldest buffered readings dropped to stay within buffer.max_messages").register(registry);
        Gauge.builder("firebreak_gateway_buffer_messages", this, o -> o.buffered()).description("Readings waiting on disk").register(registry);
        this.sender = new Thread(this::forward, "firebreak-gateway-mqtt");
        this.sender.setDaemon(true);
    }

    /** Starts connecting (again and again until the broker answers) and forwarding. */
    public void start() {
        sender.start();
    }

    /** Sets the retained status, published now if connected and again after every reconnect. */
    public void status(byte[] payload) {
        status = payload.clone();
        if (connected.get()) {
            publishStatus();
        }
    }

    /** Hands one reading over to be sent after everything before it; never blocks on the network. */
    public void publish(Outbound message) {
        lock.lock();
        try {
            if (buffer.isEmpty() && memory.size() < MEMORY_LINE && connected.get()) {
                memory.addLast(message);
            } else {
                if (!buffer.append(message)) {
                    dropped.increment();
                }
                bufferedTotal.increment();
            }
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean connected() {
        return connected.get();
    }

    public int buffered() {
        lock.lock();
        try {
            return memory.size() + buffer.size();
        } finally {
            lock.unlock();
        }
    }

    private void forward() {
        while (!closed) {
            try {
                if (!connected.get()) {
                    if (!everConnected) {
                        tryFirstConnect();
                    }
                    awaitWork(200);
                    continue;
                }
                List<Outbound> batch = new ArrayList<>(BATCH);
                List<DiskBuffer.Entry> fromDisk = List.of();
                lock.lock();
                try {
                    // memory holds the oldest readings, the disk the ones after them
                    for (Outbound m : memory) {
                        if (batch.size() == BATCH) {
                            break;
                        }
                        batch.add(m);
                    }
                    if (batch.isEmpty()) {
                        fromDisk = buffer.peek(BATCH);
                        fromDisk.forEach(entry -> batch.add(entry.message()));
                    }
                    if (batch.isEmpty()) {
                        work.await(200, TimeUnit.MILLISECONDS);
                        continue;
                    }
                } finally {
                    lock.unlock();
                }
                int acked = sendInOrder(batch);
                lock.lock();
                try {
                    if (!fromDisk.isEmpty()) {
                        if (acked > 0) {
                            buffer.removeThrough(fromDisk.get(acked - 1).number());
                        }
                    } else {
                        for (int i = 0; i < acked; i++) {
                            memory.removeFirst();
                        }
                    }
                } finally {
                    lock.unlock();
                }
                published.increment(acked);
                if (acked < batch.size()) {
                    awaitWork(50);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Publishes a batch from the head of the line without waiting between messages (QoS 1 keeps their order),
     * then waits for the acknowledgements: the number acknowledged from the front. Stops early when the
     * client refuses more in flight; the rest is sent on the next round.
     */
    private int sendInOrder(List<Outbound> batch) {
        List<IMqttToken> tokens = new ArrayList<>(batch.size());
        for (Outbound message : batch) {
            IMqttToken token = publishWhenWindowAllows(message);
            if (token == null) {
                break;
            }
            tokens.add(token);
        }
        int acked = 0;
        for (IMqttToken token : tokens) {
            try {
                token.waitForCompletion(ACK_TIMEOUT_MS);
            } catch (MqttException e) {
                break;
            }
            if (!token.isComplete() || token.getException() != null) {
                break;
            }
            acked++;
        }
        return acked;
    }

    /** Publishes, waiting for room in the in-flight window (the broker's receive maximum); null when it cannot. */
    private IMqttToken publishWhenWindowAllows(Outbound message) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ACK_TIMEOUT_MS);
        while (true) {
            try {
                return client.publish(message.topic(), message.payload(), 1, false);
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT || System.nanoTime() > deadline) {
                    LOG.debug("event=publish_deferred reason={}", e.getReasonCode());
                    return null;
                }
                LockSupport.parkNanos(100_000);
            }
        }
    }

    private void tryFirstConnect() {
        try {
            client.connect(options()).waitForCompletion(10_000);
            everConnected = true;
        } catch (MqttException e) {
            LOG.warn("event=mqtt_connect_failed server={} reason={}", settings.serverUri(), e.getMessage());
        }
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setServerURIs(new String[] {settings.serverUri()});
        // no session: the gateway subscribes to nothing, and it resends unacknowledged readings itself from
        // its own line; a resumed session would have Paho resend them too, past the broker's receive maximum
        options.setCleanStart(true);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 5);
        options.setConnectionTimeout(5);
        options.setKeepAliveInterval(10);
        MqttMessage will = new MqttMessage(statusPayload(false));
        will.setQos(1);
        will.setRetained(true);
        options.setWill(statusTopic, will);
        if (settings.username() != null) {
            options.setUserName(settings.username());
        }
        if (settings.password() != null) {
            options.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
        }
        return options;
    }

    private byte[] statusPayload(boolean online) {
        return ("{\"ts\":" + clock.getAsLong() + ",\"online\":" + online + "}").getBytes(StandardCharsets.UTF_8);
    }

    private void publishStatus() {
        byte[] payload = status;
        if (payload == null) {
            return;
        }
        try {
            client.publish(statusTopic, payload, 1, true);
        } catch (MqttException e) {
            LOG.warn("event=status_publish_failed topic={} reason={}", statusTopic, e.getMessage());
        }
    }

    private void awaitWork(long ms) {
        lock.lock();
        try {
            work.await(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** Says offline (retained: a clean stop sends no Last Will), then disconnects. */
    @Override
    public void close() {
        closed = true;
        sender.interrupt();
        try {
            if (client.isConnected()) {
                client.publish(statusTopic, statusPayload(false), 1, true).waitForCompletion(2_000);
                client.disconnect().waitForCompletion(2_000);
            }
            client.close(true);
        } catch (MqttException e) {
            LOG.warn("event=mqtt_close_failed reason={}", e.getMessage());
        }
        LOG.info("event=outbox_closed buffered={} dropped={}", buffer.size(), buffer.dropped());
    }

    private final class Callback implements MqttCallback {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            everConnected = true;
            connected.set(true);
            LOG.info("event=mqtt_connected server={} reconnect={} buffered={}", serverUri, reconnect, buffered());
            publishStatus();
            lock.lock();
            try {
                work.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            connected.set(false);
            LOG.warn("event=mqtt_disconnected reason={}", response.getReasonString());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("event=mqtt_error reason={}", exception.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // the gateway subscribes to nothing
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
