package io.firebreak.app;

import io.firebreak.app.bench.DetectBenchmark;
import io.firebreak.app.bench.PipelineBenchmark;
import io.firebreak.embedded.KafkaKraftBroker;
import io.firebreak.embedded.MosquittoServer;
import io.firebreak.ingest.bench.IngestBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code firebreak bench ...}: benchmarks that print figures and ratios and end with one key=value line. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks on real (embedded) brokers.",
        subcommands = {BenchCommand.Detect.class, BenchCommand.Ingest.class, BenchCommand.PipelineRun.class,
                io.firebreak.app.gateway.GatewayBenchCommand.class})
final class BenchCommand implements Runnable {

    @Override
    public void run() {
        System.out.println("firebreak bench detect | firebreak bench ingest | firebreak bench pipeline   (see --help of each)");
    }

    @Command(name = "detect", mixinStandardHelpOptions = true,
            description = "Detection topology throughput at N cells vs a plain consumer, alarm-to-decision latency, heap, state size.")
    static final class Detect implements Callable<Integer> {

        @Option(names = "--cells", defaultValue = "100000", description = "Cells in the site (default ${DEFAULT-VALUE}).")
        int cells;

        @Option(names = "--seconds", defaultValue = "60", description = "Simulated seconds of readings (default ${DEFAULT-VALUE}).")
        int seconds;

        @Option(names = "--alarms", defaultValue = "50", description = "Alarms timed for latency (default ${DEFAULT-VALUE}).")
        int alarms;

        @Option(names = "--threads", defaultValue = "1", description = "Stream threads (detect.threads; default ${DEFAULT-VALUE}).")
        int threads;

        @Option(names = "--commit-ms", defaultValue = "100",
                description = "Commit interval in ms: each commit ends an exactly-once transaction (default ${DEFAULT-VALUE}).")
        int commitMs;

        @Override
        public Integer call() throws Exception {
            new DetectBenchmark(cells, seconds, alarms, threads, commitMs, System.out).run();
            return 0;
        }
    }

    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = "Ingest throughput (MQTT to Kafka) against its ceilings: raw Paho subscribe and raw Kafka produce, "
                    + "on a real Mosquitto and an embedded KRaft broker.")
    static final class Ingest implements Callable<Integer> {

        @Option(names = "--messages", defaultValue = "50000", description = "Messages (default ${DEFAULT-VALUE}).")
        int messages;

        @Option(names = "--devices", defaultValue = "200", description = "Devices publishing (default ${DEFAULT-VALUE}).")
        int devices;

        @Override
        public Integer call() throws Exception {
            try (KafkaKraftBroker kafka = KafkaKraftBroker.start(); MosquittoServer mosquitto = MosquittoServer.start()) {
                IngestBenchmark.run(mosquitto.serverUri(), kafka.bootstrapServers(), messages, devices, System.out);
            }
            return 0;
        }
    }

    @Command(name = "pipeline", mixinStandardHelpOptions = true,
            description = "The whole pipeline (firebreak up, every service in one JVM with a fixed heap) under a generated "
                    + "site published over MQTT in real time: heap, RSS, rate per stage, state size, battery lag, alarm-to-webhook times.")
    static final class PipelineRun implements Callable<Integer> {

        @Option(names = "--cells", defaultValue = "100000", description = "Cells in the site (default ${DEFAULT-VALUE}).")
        int cells;

        @Option(names = "--seconds", defaultValue = "300", description = "Seconds of real-time load (default ${DEFAULT-VALUE}).")
        int seconds;

        @Option(names = "--heap", defaultValue = "1g", description = "The pipeline JVM's -Xmx (default ${DEFAULT-VALUE}).")
        String heap;

        @Option(names = "--keep-logs", description = "Keep the pipeline's log and GC log in this directory.")
        java.nio.file.Path keepLogs;

        @Option(names = "--alarms", defaultValue = "24", description = "Fire-panel alarms spread through the run, each timed "
                + "to its signed drain webhook at a real receiver (default ${DEFAULT-VALUE}; at most seconds / 2).")
        int alarms;

        @Override
        public Integer call() throws Exception {
            new PipelineBenchmark(cells, seconds, heap, keepLogs, System.out, alarms).run();
            return 0;
        }
    }
}
