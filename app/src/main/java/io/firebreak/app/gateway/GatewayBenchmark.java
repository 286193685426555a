package io.firebreak.app.gateway;

import com.sun.management.OperatingSystemMXBean;
import io.firebreak.embedded.FreePorts;
import io.firebreak.embedded.MosquittoServer;
import io.firebreak.gateway.Gateway;
import io.firebreak.gateway.GatewayConfig;
import io.firebreak.gateway.bench.GenericRackRegisters;
import io.firebreak.gateway.bench.ModbusRackServer;
import io.firebreak.gateway.modbus.ModbusDevice;
import io.firebreak.gateway.modbus.RegisterMap;
import io.firebreak.gateway.modbus.RegisterMapLoader;
import io.firebreak.simulators.ScenarioRun;
import io.firebreak.simulators.Scenarios;
import io.firebreak.simulators.SimMessage;
import io.firebreak.telemetry.contract.BmsSample;
import io.firebreak.telemetry.contract.ContractParser;
import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.inventory.InventoryLoader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Polls {@code modules} simulated rack modules, 8 per rack controller, the controllers spread over
 * {@code servers} in-JVM Modbus TCP servers (one unit id per controller, modules 64 registers apart), with
 * the gateway publishing every reading to a real Mosquitto. The registers hold samples of the simulator's
 * cell model (the healthy Pangyo room). Reports polls and readings per second against what the period asks,
 * the achieved cadence of every controller against the 10 s rule, and the process's CPU per 1,000 modules
 * (servers, gateway and MQTT client share the JVM, so this is an upper bound for the gateway alone).
 */
final class GatewayBenchmark {

    private static final int MODULES_PER_RACK = 8;

    private final int modules;
    private final int servers;
    private final int seconds;
    private final int periodMs;
    private final int threads;
    private final PrintStream out;

    GatewayBenchmark(int modules, int servers, int seconds, int periodMs, int threads, PrintStream out) {
        if (modules < 1 || servers < 1 || seconds < 1 || periodMs < 10) {
            throw new IllegalArgumentException("bench gateway: --modules, --servers, --seconds >= 1 and --period-ms >= 10");
        }
        this.modules = modules;
        this.servers = servers;
        this.seconds = seconds;
        this.periodMs = periodMs;
        this.threads = threads;
        this.out = out;
    }

    void run() throws Exception {
        int racks = (modules + MODULES_PER_RACK - 1) / MODULES_PER_RACK;
        if (racks > servers * 247) {
            throw new IllegalArgumentException("bench gateway: " + racks + " rack controllers need more than " + servers
                    + " servers of 247 unit ids: raise --servers");
        }
        List<int[]> samples = simulatedModules();
        List<ModbusRackServer> started = new ArrayList<>();
        Path buffer = Files.createTempDirectory("firebreak-bench-gateway-");
        try (MosquittoServer mosquitto = MosquittoServer.start()) {
            for (int s = 0; s < servers; s++) {
                started.add(ModbusRackServer.start(FreePorts.find()));
            }
            RegisterMap map = RegisterMapLoader.load("builtin:generic-rack", null, "bench", "map");
            List<ModbusDevice> devices = new ArrayList<>();
            int placed = 0;
            for (int r = 0; r < racks; r++) {
                ModbusRackServer server = started.get(r % servers);
                int unit = r / servers + 1;
                List<ModbusDevice.Block> blocks = new ArrayList<>();
                for (int m = 0; m < MODULES_PER_RACK && placed < modules; m++, placed++) {
                    server.holding(unit, m * GenericRackRegisters.BLOCK, samples.get(placed % samples.size()));
                    blocks.add(new ModbusDevice.Block(DeviceAddress.bms("bench", "room-1", String.format(Locale.ROOT, "R%04d", r),
                            String.format(Locale.ROOT, "M%02d", m + 1)), unit, m * GenericRackRegisters.BLOCK));
                }
                devices.add(new ModbusDevice("R" + r, "127.0.0.1", server.port(), map, blocks, Duration.ofMillis(periodMs),
                        Duration.ofMillis(Math.max(50, periodMs / 2))));
            }
            GatewayConfig config = new GatewayConfig("bench", "room-1", "gw-bench",
                    new GatewayConfig.Mqtt(mosquitto.serverUri(), "firebreak-bench-gateway", TopicLayout.defaults(), null, null),
                    new GatewayConfig.Buffer(buffer, 1_000_000), 3, 0, threads, devices, List.of(), new GatewayConfig.Traps("0.0.0.0", 0));
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            out.printf(Locale.ROOT, "bench gateway: %d modules on %d rack controllers over %d Modbus servers, period %d ms, %d poll threads, %d s%n",
                    modules, racks, servers, periodMs, threads, seconds);
            try (Gateway gateway = new Gateway(config, System::currentTimeMillis, registry)) {
                gateway.start();
                Thread.sleep(Math.max(2_000, 2L * periodMs)); // connections made, first polls spread
                gateway.takeWorstIntervals();
                Measure before = measure(registry);
                Thread.sleep(seconds * 1000L);
                Measure after = measure(registry);
                report(gateway, racks, before, after);
            }
        } finally {
            started.forEach(ModbusRackServer::close);
        }
    }

    private void report(Gateway gateway, int racks, Measure before, Measure after) {
        double wall = (after.nanos - before.nanos) / 1e9;
        double polls = (after.polls - before.polls) / wall;
        double readings = (after.published - before.published) / wall;
        double cores = (after.cpuNanos - before.cpuNanos) / 1e9 / wall;
        double expectedPolls = racks * 1000.0 / periodMs;
        List<Long> intervals = new ArrayList<>(gateway.takeWorstIntervals().values());
        Collections.sort(intervals);
        long within = intervals.stream().filter(i -> i >= 0 && i <= 10_000).count();
        long p50 = intervals.get(intervals.size() / 2);
        long p99 = intervals.get(Math.min(intervals.size() - 1, (int) Math.ceil(intervals.size() * 0.99) - 1));
        long max = intervals.get(intervals.size() - 1);
        double errors = after.errors - before.errors;
        out.printf(Locale.ROOT, "  polls/s          %10.1f  (asked: %.1f, %.1f%%)%n", polls, expectedPolls, 100 * polls / expectedPolls);
        out.printf(Locale.ROOT, "  readings/s       %10.1f  (asked: %.1f)%n", readings, modules * 1000.0 / periodMs);
        out.printf(Locale.ROOT, "  cadence          longest gap between reads per controller: p50 %d ms, p99 %d ms, max %d ms; %d/%d within the 10 s rule%n", p50, p99, max, within, racks);
        out.printf(Locale.ROOT, "  cpu              %.2f cores for the JVM (servers + gateway + MQTT); %.3f cores per 1,000 modules%n",
                cores, cores * 1000 / modules);
        out.printf(Locale.ROOT, "  errors           %.0f, buffered at end %d%n", errors, gateway.outbox().buffered());
        out.printf(Locale.ROOT, "bench=gateway modules=%d racks=%d servers=%d period_ms=%d seconds=%d polls_per_s=%.1f readings_per_s=%.1f "
                        + "worst_gap_p50_ms=%d worst_gap_p99_ms=%d worst_gap_max_ms=%d within_10s=%d/%d cpu_cores=%.2f cpu_cores_per_1000_modules=%.3f errors=%.0f%n",
                modules, racks, servers, periodMs, seconds, polls, readings, p50, p99, max, within, racks, cores, cores * 1000 / modules, errors);
    }

    private record Measure(long nanos, long cpuNanos, double polls, double published, double errors) {
    }

    private static Measure measure(SimpleMeterRegistry registry) {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double polls = registry.find("firebreak_gateway_polls").counters().stream().mapToDouble(Counter::count).sum();
        double published = registry.find("firebreak_gateway_published").counters().stream().mapToDouble(Counter::count).sum();
        double errors = registry.find("firebreak_gateway_errors").counters().stream().mapToDouble(Counter::count).sum();
        return new Measure(System.nanoTime(), os.getProcessCpuTime(), polls, published, errors);
    }

    /** Register blocks of every module of the healthy Pangyo site after a minute of the cell model. */
    private static List<int[]> simulatedModules() {
        ContractParser parser = new ContractParser(TopicLayout.defaults());
        ScenarioRun run = new ScenarioRun(new InventoryLoader().loadResource("/inventory/pangyo.yaml"),
                Scenarios.byName("healthy").orElseThrow(), TopicLayout.defaults(), 1_665_814_685_000L, 1);
        List<int[]> blocks = new ArrayList<>();
        int step = 0;
        for (List<SimMessage> batch : run) {
            if (++step < 60) {
                continue;
            }
            for (SimMessage m : batch) {
                parser.parse(m.topic(), m.payload(), m.ts()).reading()
                        .filter(r -> r.measurement() instanceof BmsSample)
                        .ifPresent(r -> blocks.add(GenericRackRegisters.encode((BmsSample) r.measurement())));
            }
            break;
        }
        return blocks;
    }

}
