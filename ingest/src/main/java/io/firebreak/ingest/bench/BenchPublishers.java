package io.firebreak.ingest.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Several Paho v5 publishers in parallel, each with a window of QoS 1 publishes in flight, so the publishing
 * side is not what a stage of the benchmark measures. Each publisher owns whole devices (order per device).
 */
final class BenchPublishers {

    /** Publishes in flight per publisher: below the broker's receive maximum (Mosquitto: 20, HiveMQ: 10). */
    private static final int WINDOW = 8;

    private BenchPublishers() {
    }

    /** Publishes the whole workload with {@code publishers} clients and returns once the broker has acked all. */
    static void publishAll(String serverUri, String clientIdPrefix, BenchWorkload workload, int publishers) throws Exception {
        List<MqttAsyncClient> clients = new ArrayList<>();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        // own threads: the common pool has one thread on a two-core machine
        ExecutorService threads = Executors.newFixedThreadPool(publishers, r -> {
            Thread thread = new Thread(r, "firebreak-bench-publisher");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (int p = 0; p < publishers; p++) {
                MqttAsyncClient client = new MqttAsyncClient(serverUri, clientIdPrefix + "-" + p, new MemoryPersistence());
                MqttConnectionOptions options = new MqttConnectionOptions();
                options.setCleanStart(true);
                client.connect(options).waitForCompletion(30_000);
                clients.add(client);
                List<BenchWorkload.Message> share = workload.shareOf(p, publishers);
                done.add(CompletableFuture.runAsync(() -> publish(client, share), threads));
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get();
        } finally {
            threads.shutdownNow();
            for (MqttAsyncClient client : clients) {
                client.disconnect().waitForCompletion(5_000);
                client.close();
            }
        }
    }

    private static void publish(MqttAsyncClient client, List<BenchWorkload.Message> share) {
        Semaphore window = new Semaphore(WINDOW);
        MqttActionListener release = new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                window.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable error) {
                window.release();
            }
        };
        try {
            for (BenchWorkload.Message message : share) {
                window.acquire();
                MqttMessage mqtt = new MqttMessage(message.payload(), 1, false, null);
                while (true) {
                    try {
                        client.publish(message.topic(), mqtt, null, release);
                        break;
                    } catch (MqttException e) {
                        // Paho may still count an acknowledged publish as in flight for a moment
                        if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                            throw e;
                        }
                        TimeUnit.MILLISECONDS.sleep(1);
                    }
                }
            }
            window.acquire(WINDOW);
        } catch (MqttException e) {
            throw new IllegalStateException("bench publish failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
