package io.firebreak.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.telemetry.contract.Reading;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Sensors publishing seq 0..n-1 for several BMS modules of one rack with QoS 1, from a background thread, as a
 * real gateway would: a publish that fails (broker restarting) is retried until the broker acknowledges it, so
 * a seq may reach the broker twice but is never skipped.
 */
final class SeqStream implements AutoCloseable {

    private final MqttClient client;
    private final String site;
    private final List<String> modules;
    private final int seqs;
    private final long pauseMicros;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final Thread thread;

    SeqStream(String serverUri, String clientId, String site, List<String> modules, int seqs, long pauseMicros) throws MqttException {
        this.site = site;
        this.modules = modules;
        this.seqs = seqs;
        this.pauseMicros = pauseMicros;
        this.client = new MqttClient(serverUri, clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 2);
        options.setConnectionTimeout(5);
        client.setTimeToWait(5_000);
        client.connect(options);
        this.thread = new Thread(this::run, "seq-stream-" + site);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            for (long seq = 0; seq < seqs; seq++) {
                for (String module : modules) {
                    publish("dc/" + site + "/B3/bms/R07/" + module,
                            "{\"ts\":" + System.currentTimeMillis() + ",\"seq\":" + seq + ",\"cell_v\":[3.3,3.31]}");
                }
                if (pauseMicros > 0) {
                    TimeUnit.MICROSECONDS.sleep(pauseMicros);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void publish(String topic, String payload) throws InterruptedException {
        while (true) {
            try {
                client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
                published.incrementAndGet();
                return;
            } catch (MqttException e) {
                retries.incrementAndGet();
                Thread.sleep(200);
            }
        }
    }

    long published() {
        return published.get();
    }

    long retries() {
        return retries.get();
    }

    long total() {
        return (long) seqs * modules.size();
    }

    boolean awaitDone(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        return !thread.isAlive();
    }

    /** Asserts every module's seq 0..n-1 is in {@code readings} exactly once. */
    void assertEverySeqExactlyOnce(List<ConsumerRecord<String, Reading>> readings) {
        Map<String, List<Long>> seqsPerModule = readings.stream().filter(r -> r.value().source().site().equals(site))
                .collect(Collectors.groupingBy(r -> r.value().source().device(),
                        Collectors.mapping(r -> r.value().seq(), Collectors.toList())));
        List<Long> expected = LongStream.range(0, seqs).boxed().toList();
        assertThat(seqsPerModule).containsOnlyKeys(modules);
        assertThat(seqsPerModule).allSatisfy((module, got) ->
                assertThat(got).as(module).containsExactlyInAnyOrderElementsOf(expected));
    }

    long countOf(List<ConsumerRecord<String, Reading>> readings) {
        return readings.stream().filter(r -> r.value().source().site().equals(site)).count();
    }

    @Override
    public void close() throws Exception {
        thread.interrupt();
        thread.join(5_000);
        if (client.isConnected()) {
            client.disconnect(2_000);
        }
        client.close(true);
    }
}
