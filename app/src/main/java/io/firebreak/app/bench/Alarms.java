package io.firebreak.app.bench;

import io.firebreak.telemetry.decision.OperatorAction;
import io.firebreak.telemetry.inventory.Room;
import io.firebreak.telemetry.inventory.SiteInventory;
import io.firebreak.telemetry.kafka.KafkaSettings;
import io.firebreak.telemetry.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The fire-panel alarms of {@code bench pipeline}: {@code count} alarms spread evenly from a tenth to nine
 * tenths of the run, room after room. Once a room's drain webhook has arrived the room is released by an
 * operator action on the operator topic (as {@code firebreak release} records it), so its next alarm is a new
 * incident with a new drain. Each alarm is timed from its MQTT publish to its first valid signed
 * {@code drain.requested} at the {@link WebhookReceiver}.
 */
final class Alarms implements AutoCloseable {

    /** One alarm: where, when it was sent, and when its drain webhook arrived (0 until then). */
    private static final class Sent {
        final Room room;
        final long sentMs;
        long receivedMs;
        String decision;
        boolean released;

        Sent(Room room, long sentMs) {
            this.room = room;
            this.sentMs = sentMs;
        }
    }

    /** The alarms' times to their webhooks. */
    record Latencies(int count, int missing, long p50, long p99, long max, long refused) {
    }

    private final SiteInventory site;
    private final WebhookReceiver receiver;
    private final KafkaProducer<String, OperatorAction> operator;
    private final int[] atSecond;
    private final List<Sent> sent = new ArrayList<>();

    Alarms(SiteInventory site, KafkaSettings kafka, WebhookReceiver receiver, int count, int seconds) {
        this.site = site;
        this.receiver = receiver;
        this.operator = new KafkaProducer<>(kafka.clientProperties(), Topics.OPERATOR.keySerde().serializer(),
                Topics.OPERATOR.valueSerde().serializer());
        this.atSecond = new int[count];
        for (int k = 0; k < count; k++) {
            atSecond[k] = (int) Math.round(seconds * (0.1 + 0.8 * (count == 1 ? 0.5 : k / (double) (count - 1))));
        }
    }

    /**
     * Second {@code s} of the run: releases the rooms whose drain has arrived, and sends the alarms due.
     * True when an alarm was sent.
     */
    boolean tick(int s, SitePublisher publisher) throws Exception {
        collect();
        for (Sent alarm : sent) {
            if (alarm.receivedMs > 0 && !alarm.released) {
                alarm.released = true;
                long now = System.currentTimeMillis();
                operator.send(new ProducerRecord<>(Topics.OPERATOR.name(), site.site() + "/" + alarm.room.id(),
                        new OperatorAction("op_bench_" + alarm.decision, OperatorAction.RELEASE, alarm.decision, site.site(),
                                alarm.room.id(), "bench", "bench pipeline: re-arm for the next alarm", now)));
            }
        }
        operator.flush();
        boolean any = false;
        for (int k = 0; k < atSecond.length; k++) {
            if (atSecond[k] == s) {
                Room room = site.rooms().get(sent.size() % site.rooms().size());
                Set<String> open = new HashSet<>();
                sent.stream().filter(a -> !a.released).forEach(a -> open.add(a.room.id()));
                if (open.contains(room.id())) {
                    // its previous drain has not arrived yet: another alarm would be part of the same incident
                    continue;
                }
                long now = System.currentTimeMillis();
                PipelineBenchmark.publishAlarm(publisher, site, room, now, 1_000_000L + sent.size());
                sent.add(new Sent(room, now));
                any = true;
            }
        }
        return any;
    }

    private void collect() {
        for (Sent alarm : sent) {
            if (alarm.receivedMs == 0) {
                Optional<WebhookReceiver.Arrival> arrival = receiver.firstFor(alarm.room.id(), alarm.sentMs);
                arrival.ifPresent(a -> {
                    alarm.receivedMs = a.receivedMs();
                    alarm.decision = a.decision();
                });
            }
        }
    }

    long firstSentMs() {
        return sent.get(0).sentMs;
    }

    Room firstRoom() {
        return sent.get(0).room;
    }

    /** Waits up to {@code timeout} for every alarm's webhook; the latencies of those that arrived. */
    Latencies awaitAll(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            collect();
            if (sent.stream().allMatch(a -> a.receivedMs > 0)) {
                break;
            }
            Thread.sleep(50);
        }
        long[] ms = sent.stream().filter(a -> a.receivedMs > 0).mapToLong(a -> a.receivedMs - a.sentMs).sorted().toArray();
        int missing = sent.size() - ms.length;
        return new Latencies(ms.length, missing, percentile(ms, 0.50), percentile(ms, 0.99),
                ms.length == 0 ? -1 : ms[ms.length - 1], receiver.refused());
    }

    /** The nearest-rank percentile of sorted {@code ms}, or -1 when there are none. */
    static long percentile(long[] ms, double p) {
        if (ms.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p * ms.length);
        return ms[Math.max(0, Math.min(ms.length - 1, rank - 1))];
    }

    @Override
    public void close() {
        operator.close(Duration.ofSeconds(5));
    }

    @Override
    public String toString() {
        return "Alarms" + Arrays.toString(atSecond);
    }
}
