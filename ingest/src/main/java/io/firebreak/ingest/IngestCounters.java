package io.firebreak.ingest;

import io.firebreak.telemetry.contract.DeadLetter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live counters behind {@link IngestStats}, published as Micrometer meters (Prometheus names in brackets):
 * received ({@code firebreak_ingest_received_total}), forwarded ({@code firebreak_ingest_forwarded_total}),
 * dead letters by reason class ({@code firebreak_ingest_rejected_total{reason}}), duplicates, gaps, send
 * failures, messages in flight ({@code firebreak_ingest_inflight}) and the Kafka send latency
 * ({@code firebreak_ingest_kafka_send_seconds}). Updated from the MQTT and Kafka client threads.
 */
final class IngestCounters {

    final LongAdder received = new LongAdder();
    final LongAdder forwarded = new LongAdder();
    final LongAdder deadLettered = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder gaps = new LongAdder();
    final LongAdder sendFailures = new LongAdder();
    final LongAdder dropped = new LongAdder();
    /** MQTT messages received and neither acknowledged nor given back to the broker yet. */
    final AtomicInteger inflight = new AtomicInteger();
    /** When a message in flight was last finished with (acknowledged or given back), System.nanoTime(). */
    private volatile long lastDoneNanos;
    private final java.util.function.LongSupplier nanoTime;

    private final MeterRegistry registry;
    private final Map<RejectReason, Counter> rejected = new ConcurrentHashMap<>();
    private final Map<RejectReason, Counter> droppedBy = new ConcurrentHashMap<>();
    private final Map<String, Counter> unknownDevices = new ConcurrentHashMap<>();
    private final Timer kafkaSend;

    /** Counters that nobody scrapes (unit tests). */
    IngestCounters() {
        this(new SimpleMeterRegistry());
    }

    IngestCounters(MeterRegistry registry) {
        this(registry, System::nanoTime);
    }

    /** With the monotonic clock {@code nanoTime} that times stalls (tests move it). */
    IngestCounters(MeterRegistry registry, java.util.function.LongSupplier nanoTime) {
        this.registry = registry;
        this.nanoTime = nanoTime;
        this.lastDoneNanos = nanoTime.getAsLong();
        counter("firebreak.ingest.received", "MQTT messages received, redeliveries included", received);
        counter("firebreak.ingest.forwarded", "readings Kafka acknowledged", forwarded);
        counter("firebreak.ingest.deadlettered", "dead-letter records Kafka acknowledged", deadLettered);
        counter("firebreak.ingest.duplicates", "messages dropped because their seq was already seen", duplicates);
        counter("firebreak.ingest.gaps", "seq values skipped by devices", gaps);
        counter("firebreak.ingest.send.failures", "messages left unacknowledged for redelivery after a failed Kafka send",
                sendFailures);
        Gauge.builder("firebreak.ingest.inflight", inflight, AtomicInteger::get)
                .description("MQTT messages received and not yet acknowledged").register(registry);
        Gauge.builder("firebreak.ingest.stalled.seconds", this, c -> c.stalledFor().toMillis() / 1000.0)
                .description("seconds messages have waited in flight with none finished (0 when flowing or idle)").register(registry);
        kafkaSend = Timer.builder("firebreak.ingest.kafka.send")
                .description("time from producer send to Kafka acknowledgement, per record")
                .publishPercentiles(0.5, 0.99).register(registry);
        // every reason class shows from the start, so a dashboard sees 0 rather than no series
        for (RejectReason reason : RejectReason.values()) {
            rejectedCounter(reason);
        }
        for (RejectReason reason : List.of(RejectReason.RATE_LIMITED, RejectReason.UNKNOWN_DEVICE)) {
            droppedBy.put(reason, Counter.builder("firebreak.ingest.dropped")
                    .description("messages acknowledged with nothing written (flood beyond the rate limit or the unknown-sender budget)")
                    .tag("reason", reason.tag()).register(registry));
        }
    }

    /**
     * Counts a message from a device the inventory does not list, by room and topic kind
     * ({@code firebreak_ingest_unknown_device_total{room,kind}}); rooms not in the inventory count as
     * {@code unlisted}, so invented names never make new series.
     */
    void unknownDevice(io.firebreak.telemetry.contract.DeviceAddress address, java.util.Set<String> knownRooms) {
        String room = knownRooms.contains(address.room()) ? address.room() : "unlisted";
        unknownDevices.computeIfAbsent(room + "/" + address.kind().segment(), k -> Counter.builder("firebreak.ingest.unknown.device")
                .description("messages from devices the inventory does not list, by room and topic kind")
                .tag("room", room).tag("kind", address.kind().segment()).register(registry)).increment();
    }

    /** One message is no longer in flight: acknowledged, or left to the broker to redeliver. */
    void done() {
        inflight.decrementAndGet();
        lastDoneNanos = nanoTime.getAsLong();
    }

    /**
     * How long messages have been in flight with none finished: zero while the forwarder keeps up or nothing
     * waits. A forwarder stuck (a blocked send, a Kafka that takes nothing) grows it.
     */
    java.time.Duration stalledFor() {
        if (inflight.get() <= 0) {
            return java.time.Duration.ZERO;
        }
        return java.time.Duration.ofNanos(Math.max(0, nanoTime.getAsLong() - lastDoneNanos));
    }

    /** Counts a message acknowledged without any record, under {@code reason}. */
    void dropped(RejectReason reason) {
        dropped.increment();
        droppedBy.get(reason).increment();
    }

    private void counter(String name, String description, LongAdder adder) {
        FunctionCounter.builder(name, adder, LongAdder::sum).description(description).register(registry);
    }

    private Counter rejectedCounter(RejectReason reason) {
        return rejected.computeIfAbsent(reason, r -> Counter.builder("firebreak.ingest.rejected")
                .description("dead-letter records Kafka acknowledged, by reason class")
                .tag("reason", r.tag()).register(registry));
    }

    /** Counts one dead letter that Kafka acknowledged, under its reason class. */
    void deadLettered(DeadLetter letter) {
        deadLettered.increment();
        rejectedCounter(RejectReason.of(letter)).increment();
    }

    /** Records one Kafka send's latency. */
    void kafkaSend(long nanos) {
        kafkaSend.record(nanos, TimeUnit.NANOSECONDS);
    }

    IngestStats snapshot() {
        return new IngestStats(received.sum(), forwarded.sum(), deadLettered.sum(), duplicates.sum(), gaps.sum(),
                sendFailures.sum(), dropped.sum());
    }
}
