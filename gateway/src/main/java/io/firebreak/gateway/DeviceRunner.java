package io.firebreak.gateway;

import io.firebreak.gateway.publish.Outbound;
import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.TopicLayout;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one configured device and turns what it gave into readings: one {@code seq} per published device,
 * taken by every poll, so a failed poll is a gap in {@code seq} and never a made-up value. Counts failures
 * by reason, tracks the streak of missed polls that makes a {@link DeviceFault}, and exposes the achieved
 * cadence against the 10 s rule. Logs once per change (failing, fault, recovered), not once per poll.
 */
final class DeviceRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceRunner.class);
    /** Korea's 2023 rule: battery readings every 10 s or faster. */
    static final Duration CADENCE_RULE = Duration.ofSeconds(10);

    /** What the runner knows of one published device. */
    private static final class Source {
        long nextSeq;
        int missed;
        long firstMissAt;
        DeviceFault fault;
    }

    private final String name;
    private final Duration period;
    private final Poller poller;
    private final TopicLayout layout;
    private final LongSupplier clock;
    private final int faultAfter;
    private final Consumer<Outbound> out;
    private final FaultBoard faults;
    private final Map<DeviceAddress, Source> sources = new HashMap<>();
    private final Map<PollFailure.Reason, Counter> errors = new EnumMap<>(PollFailure.Reason.class);
    private final Counter polls;
    private final Counter late;
    private final Timer pollTime;
    private final MeterRegistry registry;
    private volatile long lastFullRead = -1;
    private volatile long lastInterval = -1;
    private volatile long worstInterval = -1;

    DeviceRunner(String name, Duration period, Poller poller, TopicLayout layout, LongSupplier clock, int faultAfter,
                 Consumer<Outbound> out, FaultBoard faults, MeterRegistry registry) {
        this.name = name;
        this.period = period;
        this.poller = poller;
        this.layout = layout;
        this.clock = clock;
        this.faultAfter = faultAfter;
        this.out = out;
        this.faults = faults;
        this.registry = registry;
        this.polls = Counter.builder("firebreak_gateway_polls").tag("device", name).register(registry);
        this.late = Counter.builder("firebreak_gateway_late_polls").tag("device", name)
                .description("Polls that answered, but later than the device's period").register(registry);
        this.pollTime = Timer.builder("firebreak_gateway_poll_seconds").tag("device", name).register(registry);
        Gauge.builder("firebreak_gateway_period_seconds", () -> period.toMillis() / 1000.0).tag("device", name).register(registry);
        Gauge.builder("firebreak_gateway_read_interval_seconds", this, r -> r.achievedIntervalMs() / 1000.0).tag("device", name)
                .description("Achieved time between complete reads of the device (or since the last one, when longer)").register(registry);
        Gauge.builder("firebreak_gateway_cadence_ok", this, r -> r.withinRule() ? 1 : 0).tag("device", name)
                .description("1 while the device is read every 10 s or faster").register(registry);
    }

    String name() {
        return name;
    }

    Duration period() {
        return period;
    }

    /** Polls once and publishes what was read; never throws for a device problem. */
    synchronized void pollOnce() {
        long started = System.nanoTime();
        List<PollOutcome> outcomes = poller.poll();
        if (Thread.currentThread().isInterrupted()) {
            return; // the gateway is stopping: what an interrupted poll gave is neither a reading nor a fault
        }
        long elapsedNs = System.nanoTime() - started;
        pollTime.record(Duration.ofNanos(elapsedNs));
        polls.increment();
        boolean isLate = elapsedNs > period.toNanos();
        if (isLate) {
            late.increment();
        }
        long ts = clock.getAsLong();
        boolean allRead = !outcomes.isEmpty();
        for (PollOutcome outcome : outcomes) {
            Source source = sources.computeIfAbsent(outcome.source(), a -> new Source());
            long seq = source.nextSeq++;
            if (outcome.ok()) {
                out.accept(new Outbound(layout.topicOf(outcome.source()), Payloads.reading(ts, seq, outcome.fields())));
            } else {
                allRead = false;
                errors.computeIfAbsent(outcome.failure().reason(), r -> Counter.builder("firebreak_gateway_errors")
                        .tag("device", name).tag("reason", r.label()).register(registry)).increment();
            }
            track(outcome, source, ts, isLate);
        }
        if (allRead) {
            if (lastFullRead >= 0) {
                lastInterval = ts - lastFullRead;
                worstInterval = Math.max(worstInterval, lastInterval);
            }
            lastFullRead = ts;
        }
    }

    /** Publishes a reading that did not come from a poll (an SNMP trap), in the same seq line. */
    synchronized void publishNow(DeviceAddress address, Map<String, Object> fields) {
        Source source = sources.computeIfAbsent(address, a -> new Source());
        out.accept(new Outbound(layout.topicOf(address), Payloads.reading(clock.getAsLong(), source.nextSeq++, fields)));
    }

    private void track(PollOutcome outcome, Source source, long ts, boolean isLate) {
        String device = deviceName(outcome.source());
        if (outcome.ok() && !isLate) {
            if (source.missed > 0) {
                LOG.info("event=device_recovered device={} source={} missed_polls={}", name, device, source.missed);
            }
            source.missed = 0;
            if (source.fault != null) {
                source.fault = null;
                faults.clear(device);
            }
            return;
        }
        if (source.missed++ == 0) {
            source.firstMissAt = ts;
            LOG.warn("event=device_read_failed device={} source={} error=\"{}\"", name, device,
                    outcome.ok() ? "late: answered after its " + period.toMillis() + "ms period" : outcome.failure());
        }
        if (source.missed >= faultAfter && source.fault == null) {
            PollFailure failure = outcome.ok() ? new PollFailure(PollFailure.Reason.TIMEOUT, "answers later than its "
                    + period.toMillis() + "ms period") : outcome.failure();
            source.fault = new DeviceFault(device, failure, source.firstMissAt, source.missed);
            LOG.error("event=device_fault device={} source={} missed_polls={} error=\"{}\"", name, device, source.missed, failure);
            faults.raise(source.fault);
        }
    }

    long achievedIntervalMs() {
        if (lastFullRead < 0) {
            return -1;
        }
        return Math.max(lastInterval, clock.getAsLong() - lastFullRead);
    }

    /** The longest time between two complete reads since the last call (-1 when there were not two). */
    long takeWorstIntervalMs() {
        long worst = Math.max(worstInterval, lastFullRead < 0 ? -1 : clock.getAsLong() - lastFullRead);
        worstInterval = -1;
        return worst;
    }

    boolean withinRule() {
        long interval = achievedIntervalMs();
        return interval >= 0 && interval <= CADENCE_RULE.toMillis();
    }

    void close() {
        poller.close();
    }

    /** The device's topic below the room: {@code bms/3E-1/M04}, {@code power/ups-b3-a}. */
    static String deviceName(DeviceAddress a) {
        return a.rack() == null ? a.kind().segment() + "/" + a.device() : a.kind().segment() + "/" + a.rack() + "/" + a.device();
    }
}
