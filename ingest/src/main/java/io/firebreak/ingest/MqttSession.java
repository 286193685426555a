package io.firebreak.ingest;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persistent MQTT 5 session of one lane of one ingest instance (Paho async client, see {@link Lane}): clean start off, a session
 * expiry, the configured receive maximum, automatic reconnect and manual acknowledgements, so a message
 * stays the broker's responsibility until {@link #ack} is called for it. Logs one line per state change.
 */
final class MqttSession implements MqttCallback, AutoCloseable {

    /**
     * Receives every message; must not throw. {@code retained}: the broker sent its stored copy of an
     * earlier message because the subscription is new (MQTT's retain flag on delivery), not a message
     * published while subscribed.
     */
    @FunctionalInterface
    interface Sink {
        void accept(String topic, int messageId, int qos, byte[] payload, boolean retained);
    }

    private static final Logger LOG = LoggerFactory.getLogger(MqttSession.class);
    private static final long CONNECT_TIMEOUT_MS = 30_000;
    private static final long RECYCLE_DELAY_MS = 2_000;
    /** Largest MQTT packet ingest takes: eight times the contract's 64 KiB payload (section 2). */
    static final long MAX_PACKET_BYTES = 512 * 1024;

    private final IngestConfig config;
    private final String clientId;
    private final java.util.List<String> filters;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final ScheduledExecutorService recycler;
    private final CompletableFuture<Void> firstSubscription = new CompletableFuture<>();
    private final AtomicBoolean recyclePending = new AtomicBoolean();
    private volatile Sink sink;
    private volatile boolean closing;
    /** True from a subscription's SUBACK until the connection is lost: the broker routes this session's filters to it. */
    private volatile boolean subscribed;

    MqttSession(IngestConfig config, Lane lane) throws MqttException {
        this.config = config;
        this.clientId = lane.clientId(config);
        this.filters = lane.filters(config);
        this.client = new MqttAsyncClient(config.mqttServerUri(), clientId, new MemoryPersistence());
        this.options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(config.sessionExpiry().toSeconds());
        options.setReceiveMaximum(config.receiveMaximum());
        // bounded memory: a broker must not send ingest more than this. Above the contract's 64 KiB on purpose: a
        // payload a little over the limit still reaches ingest and becomes a dead letter (never silently dropped),
        // and the record stays under Kafka's 1 MB default; the shipped broker refuses over 68 KiB at the sender
        options.setMaximumPacketSize(MAX_PACKET_BYTES);
        options.setAutomaticReconnect(true);
        // at most 5 s between attempts: after a broker restart an alarm must not wait out a long backoff
        options.setAutomaticReconnectDelay(1, 5);
        options.setConnectionTimeout(10);
        options.setKeepAliveInterval(30);
        if (config.username() != null) {
            options.setUserName(config.username());
        }
        if (config.password() != null) {
            options.setPassword(config.password().getBytes(StandardCharsets.UTF_8));
        }
        if (config.tls() != null) {
            options.setSocketFactory(config.tls().socketFactory());
        }
        this.recycler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "firebreak-ingest-mqtt-recycle");
            t.setDaemon(true);
            return t;
        });
        client.setManualAcks(true);
        client.setCallback(this);
    }

    /** Connects and waits until the subscription is in place; messages go to {@code sink} from then on. */
    void open(Sink messageSink) throws MqttException {
        this.sink = messageSink;
        client.connect(options).waitForCompletion(CONNECT_TIMEOUT_MS);
        try {
            firstSubscription.get(CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while subscribing", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("mqtt subscription to " + filters + " failed: " + e.getMessage(), e);
        }
    }

    boolean isConnected() {
        return client.isConnected();
    }

    /** Acknowledges a message; if the connection is gone the broker redelivers it, which is safe. */
    void ack(int messageId, int qos) {
        try {
            client.messageArrivedComplete(messageId, qos);
        } catch (MqttException | RuntimeException e) {
            LOG.debug("event=mqtt_ack_skipped message_id={} error={}", messageId, e.toString());
        }
    }

    /**
     * Reconnects (keeping the session) so the broker redelivers the messages left unacknowledged; MQTT 5
     * brokers only redeliver on a new connection. Coalesced: many failures in a burst cause one reconnect.
     */
    void requestRedelivery() {
        if (closing || !recyclePending.compareAndSet(false, true)) {
            return;
        }
        recycler.schedule(this::recycle, RECYCLE_DELAY_MS, TimeUnit.MILLISECONDS);
    }

    private void recycle() {
        recyclePending.set(false);
        if (closing) {
            return;
        }
        LOG.info("event=mqtt_recycle reason=unacknowledged_messages client_id={}", clientId);
        try {
            if (client.isConnected()) {
                client.disconnect(1_000).waitForCompletion(CONNECT_TIMEOUT_MS);
            }
            client.connect(options).waitForCompletion(CONNECT_TIMEOUT_MS);
        } catch (MqttException e) {
            LOG.warn("event=mqtt_recycle_failed error={}", e.toString());
            requestRedelivery();
        }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        LOG.info("event={} uri={} client_id={}", reconnect ? "mqtt_reconnected" : "mqtt_connected", serverUri, clientId);
        subscribe();
    }

    /** Subscribes on every connect: idempotent for a kept session, and it restores an expired one. */
    private void subscribe() {
        MqttSubscription[] subscriptions = filters.stream().map(filter -> {
            MqttSubscription subscription = new MqttSubscription(filter, 1);
            // retained messages only when the subscription is new, not again on every reconnect
            subscription.setRetainHandling(1);
            return subscription;
        }).toArray(MqttSubscription[]::new);
        try {
            client.subscribe(subscriptions, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] codes = token.getReasonCodes();
                    for (int code : codes == null ? new int[0] : codes) {
                        if (code >= 0x80) {
                            onFailure(token, new MqttException(code));
                            return;
                        }
                    }
                    subscribed = true;
                    LOG.info("event=mqtt_subscribed client_id={} filters={} qos={}", clientId, filters,
                            codes == null || codes.length == 0 ? "?" : codes[0]);
                    firstSubscription.complete(null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable error) {
                    LOG.error("event=mqtt_subscribe_failed client_id={} filters={} error={}", clientId, filters, String.valueOf(error));
                    firstSubscription.completeExceptionally(error);
                }
            }, new MqttProperties());
        } catch (MqttException e) {
            LOG.error("event=mqtt_subscribe_failed client_id={} filters={} error={}", clientId, filters, e.toString());
            firstSubscription.completeExceptionally(e);
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        if (closing) {
            // left unacknowledged: the broker hands it to the next holder of this session
            return;
        }
        sink.accept(topic, message.getId(), message.getQos(), message.getPayload(), message.isRetained());
    }

    /** True while connected with the subscription in place. */
    boolean isSubscribed() {
        return subscribed && client.isConnected();
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        subscribed = false;
        if (!closing) {
            LOG.warn("event=mqtt_connection_lost client_id={} reason_code={} cause={}", clientId,
                    response.getReturnCode(), response.getException() == null ? response.getReasonString() : response.getException().toString());
        }
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        LOG.warn("event=mqtt_error error={}", exception.toString());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // ingest publishes nothing
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // no enhanced authentication
    }

    /** Stops taking messages (those not yet acknowledged are redelivered to the next session holder). */
    void stopIntake() {
        closing = true;
    }

    @Override
    public void close() {
        closing = true;
        subscribed = false;
        recycler.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect(2_000).waitForCompletion(10_000);
            }
        } catch (MqttException e) {
            LOG.warn("event=mqtt_disconnect_failed error={}", e.toString());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.warn("event=mqtt_close_failed error={}", e.toString());
        }
        LOG.info("event=mqtt_closed client_id={}", clientId);
    }
}
