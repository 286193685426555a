package io.firebreak.gateway;

import io.firebreak.gateway.modbus.ModbusDevice;
import io.firebreak.gateway.modbus.ModbusPoller;
import io.firebreak.gateway.publish.MqttOutbox;
import io.firebreak.gateway.publish.Outbound;
import io.firebreak.gateway.snmp.SnmpDevice;
import io.firebreak.gateway.snmp.SnmpPoller;
import io.firebreak.gateway.snmp.TrapReceiver;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway of one battery room: polls each device on its own period, publishes what it read per the wire
 * contract through one {@link MqttOutbox}, receives UPS traps, and publishes its retained status (online,
 * with the devices in fault). A device that fails costs only its own readings: the others keep their
 * cadence. {@link #start()} schedules polling; tests and the benchmark may instead call {@link #pollAll()}.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final GatewayConfig config;
    private final LongSupplier clock;
    private final MqttOutbox outbox;
    private final Consumer<byte[]> status;
    private final FaultBoard faults;
    private final Map<String, DeviceRunner> runners = new LinkedHashMap<>();
    private final Map<String, SnmpDevice> upsByName = new LinkedHashMap<>();
    private final ScheduledExecutorService scheduler;
    private TrapReceiver traps;

    /** A gateway that publishes to the broker of {@code config}. */
    public Gateway(GatewayConfig config, LongSupplier clock, MeterRegistry registry) {
        this(config, clock, registry, new MqttOutbox(config, clock, registry), null);
    }

    /**
     * A gateway whose readings and status go to {@code sink} instead of a broker: for replaying what it
     * reads through detection at event time. {@link #outbox()} is then null.
     */
    public static Gateway toSink(GatewayConfig config, LongSupplier clock, MeterRegistry registry, Consumer<Outbound> sink) {
        return new Gateway(config, clock, registry, null, sink);
    }

    private Gateway(GatewayConfig config, LongSupplier clock, MeterRegistry registry, MqttOutbox outbox, Consumer<Outbound> sink) {
        this.config = config;
        this.clock = clock;
        this.outbox = outbox;
        Consumer<Outbound> readings = outbox != null ? outbox::publish : sink;
        String statusTopic = config.mqtt().layout().topicOf(config.statusAddress());
        this.status = outbox != null ? outbox::status : payload -> sink.accept(new Outbound(statusTopic, payload));
        this.faults = new FaultBoard(open -> status.accept(Payloads.status(clock.getAsLong(), open)));
        for (ModbusDevice device : config.modbus()) {
            runners.put(device.name(), new DeviceRunner(device.name(), device.period(), new ModbusPoller(device),
                    config.mqtt().layout(), clock, config.faultAfter(), readings, faults, registry));
        }
        for (SnmpDevice device : config.snmp()) {
            runners.put(device.name(), new DeviceRunner(device.name(), device.period(), new SnmpPoller(device),
                    config.mqtt().layout(), clock, config.faultAfter(), readings, faults, registry));
            upsByName.put(device.name(), device);
        }
        this.scheduler = Executors.newScheduledThreadPool(config.pollThreads(), r -> {
            Thread t = new Thread(r, "firebreak-gateway-poll");
            t.setDaemon(true);
            return t;
        });
    }

    /** Connects to the broker (retrying until it answers), opens the trap receiver and starts polling. */
    public Gateway start() {
        connect();
        int i = 0;
        for (DeviceRunner runner : runners.values()) {
            long periodMs = runner.period().toMillis();
            // spread the first polls over one period so a hundred racks are not asked in the same millisecond
            long delay = periodMs * (i++ % 16) / 16;
            scheduler.scheduleAtFixedRate(() -> pollSafely(runner), delay, periodMs, TimeUnit.MILLISECONDS);
        }
        LOG.info("event=gateway_started gateway={} room={}/{} modbus={} snmp={} traps={}", config.gateway(), config.site(),
                config.room(), config.modbus().size(), config.snmp().size(), config.traps().enabled() ? config.traps().port() : "off");
        return this;
    }

    /** Connects and opens the trap receiver without scheduling polls (tests, the benchmark). */
    public Gateway connect() {
        status.accept(Payloads.status(clock.getAsLong(), faults.open()));
        if (outbox != null) {
            outbox.start();
        }
        if (config.traps().enabled() && traps == null) {
            traps = new TrapReceiver(config.traps().host(), config.traps().port(), this::upsAt, this::onTrap);
        }
        return this;
    }

    /** Polls every device once, one after the other. */
    public void pollAll() {
        runners.values().forEach(Gateway::pollSafely);
    }

    public MqttOutbox outbox() {
        return outbox;
    }

    public List<DeviceFault> faults() {
        return faults.open();
    }

    /** Achieved time between complete reads per device name, in ms (-1 before the first). */
    public Map<String, Long> achievedIntervals() {
        Map<String, Long> out = new LinkedHashMap<>();
        runners.forEach((name, runner) -> out.put(name, runner.achievedIntervalMs()));
        return out;
    }

    /**
     * Per device name, the longest time between two complete reads since the previous call, in ms: the
     * cadence each device achieved over that window, to hold against the 10 s rule.
     */
    public Map<String, Long> takeWorstIntervals() {
        Map<String, Long> out = new LinkedHashMap<>();
        runners.forEach((name, runner) -> out.put(name, runner.takeWorstIntervalMs()));
        return out;
    }

    private static void pollSafely(DeviceRunner runner) {
        try {
            runner.pollOnce();
        } catch (RuntimeException e) {
            // a bug in one device's handling must not stop its schedule, nor anyone else's
            LOG.error("event=poll_crashed device={} error=\"{}\"", runner.name(), e.toString(), e);
        }
    }

    private Optional<SnmpDevice> upsAt(InetAddress sender) {
        for (SnmpDevice device : upsByName.values()) {
            try {
                if (InetAddress.getByName(device.host()).equals(sender)) {
                    return Optional.of(device);
                }
            } catch (UnknownHostException e) {
                // a host that does not resolve sent nothing
            }
        }
        return Optional.empty();
    }

    private void onTrap(SnmpDevice device, Map<String, Object> fields) {
        DeviceRunner runner = runners.get(device.name());
        if (!fields.isEmpty()) {
            runner.publishNow(device.source(), fields);
        }
        scheduler.execute(() -> pollSafely(runner));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (traps != null) {
            traps.close();
        }
        List<DeviceRunner> all = new ArrayList<>(runners.values());
        all.forEach(DeviceRunner::close);
        if (outbox != null) {
            outbox.close();
        }
        LOG.info("event=gateway_stopped gateway={}", config.gateway());
    }
}
