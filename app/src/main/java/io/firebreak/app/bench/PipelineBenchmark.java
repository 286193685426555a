package io.firebreak.app.bench;

import io.firebreak.embedded.InfluxServer;
import io.firebreak.embedded.KafkaKraftBroker;
import io.firebreak.embedded.MosquittoServer;
import io.firebreak.simulators.Healthy;
import io.firebreak.simulators.ScenarioRun;
import io.firebreak.simulators.Variation;
import io.firebreak.simulators.SimMessage;
import io.firebreak.simulators.SiteFactory;
import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.DeviceKind;
import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.inventory.Room;
import io.firebreak.telemetry.inventory.SiteInventory;
import io.firebreak.telemetry.kafka.KafkaSettings;
import io.firebreak.telemetry.kafka.Topics;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;

/**
 * {@code firebreak bench pipeline}: the whole pipeline ({@code firebreak up}: ingest, detection, alerting
 * and the InfluxDB sink in one JVM with a fixed heap) under a generated site of N cells published over
 * MQTT in real time, one sample per module per second. Reports the pipeline JVM's heap (peak, and what
 * stays live early and late in the run: state must grow with cells, not with time), its resident
 * memory, the rate at each stage against the rate published, the state stores' size, the battery path's
 * lag, and fire-panel alarms spread through the run, each timed from its MQTT publish to its signed
 * drain webhook received (and checked) by a real HTTP receiver, under that load (issue 16). Each room is
 * released by an operator action after its drain, so it drains again at its next alarm. Brokers run
 * outside the measured JVM: Kafka (KRaft) in this one, Mosquitto and InfluxDB as processes.
 */
public final class PipelineBenchmark {

    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(10);

    private final int cells;
    private final int seconds;
    private final String heap;
    private final Path keepLogs;
    private final PrintStream out;
    private final int alarms;

    /** @param keepLogs where to keep the pipeline's log and GC log, or null */
    public PipelineBenchmark(int cells, int seconds, String heap, Path keepLogs, PrintStream out) {
        this(cells, seconds, heap, keepLogs, out, 24);
    }

    /** @param alarms fire-panel alarms spread through the run (at least 1) */
    public PipelineBenchmark(int cells, int seconds, String heap, Path keepLogs, PrintStream out, int alarms) {
        if (seconds < 30) {
            throw new IllegalArgumentException("seconds: at least 30, was " + seconds);
        }
        if (alarms < 1 || alarms > seconds / 2) {
            throw new IllegalArgumentException("alarms: from 1 to seconds / 2, was " + alarms);
        }
        this.alarms = alarms;
        this.cells = cells;
        this.seconds = seconds;
        this.heap = heap;
        this.keepLogs = keepLogs;
        this.out = out;
    }

    public void run() throws Exception {
        Path work = Files.createTempDirectory("firebreak-bench-pipeline");
        try (KafkaKraftBroker kafka = KafkaKraftBroker.start(work.resolve("kafka"));
             MosquittoServer mqtt = MosquittoServer.start();
             InfluxServer influx = InfluxServer.start();
             WebhookReceiver receiver = new WebhookReceiver(GeneratedSiteFiles.FAKE_SECRET)) {
            SiteInventory site = SiteFactory.generated(cells);
            Path inventory = work.resolve("inventory.yaml");
            GeneratedSiteFiles.write(inventory, GeneratedSiteFiles.inventoryYaml(site, receiver.base()));
            Path config = work.resolve("firebreak.yaml");
            Path state = work.resolve("streams");
            GeneratedSiteFiles.write(config, GeneratedSiteFiles.configYaml(inventory, mqtt.serverUri(),
                    kafka.bootstrapServers(), influx.url(), state, false));
            int modules = site.rooms().stream().flatMap(r -> r.racks().stream()).mapToInt(r -> r.modules()).sum();
            out.printf("bench pipeline: %,d cells = %,d modules in %d rooms, %d s in real time; firebreak up with -Xmx%s%n",
                    site.cells(), modules, site.rooms().size(), seconds, heap);
            KafkaSettings settings = KafkaSettings.local(kafka.bootstrapServers());
            try (UpProcess up = UpProcess.start(config, heap, work);
                 PipelineProbe probe = new PipelineProbe(settings, "bench-detect", "bench-sink", state);
                 SitePublisher publisher = new SitePublisher(mqtt.serverUri(), site, TopicLayout.defaults())) {
                // the pipeline creates its topics as it starts: watch for decisions only then
                up.awaitUp(Duration.ofMinutes(2));
                Result result;
                try (DecisionWatch decisions = new DecisionWatch(settings);
                     Alarms alarmRun = new Alarms(site, settings, receiver, alarms, seconds)) {
                    result = load(site, up, probe, publisher, decisions, alarmRun);
                }
                report(site, modules, up, result);
            }
        } finally {
            DetectBenchmark.deleteQuietly(work);
        }
    }

    /** What the load phase measured. */
    private record Result(long published, double publishSeconds, long ingested, long detected, long sunk,
                          double catchUpSeconds, long alarmMs, long lagAtAlarm, long rssPeakMiB, long stateEarlyKiB, long stateEndKiB,
                          Cores cores, Alarms.Latencies webhooks, double batteryLagMaxSeconds) {
    }

    /** Cores in use while publishing: the pipeline JVM, this JVM (Kafka and the publisher), the rest of the machine. */
    private record Cores(double pipeline, double brokerAndLoad, double others, double machineBusy) {
    }

    /** CPU clocks at one moment: the pipeline's, this JVM's, and the machine's busy and total seconds. */
    private static double[] cpuNow(UpProcess up) {
        double[] machine = CpuClock.machineSeconds();
        return new double[] {CpuClock.processSeconds(up.pid()), CpuClock.processSeconds(ProcessHandle.current().pid()),
            machine[0], machine[1]};
    }

    private static Cores cores(double[] from, double[] to, double wallSeconds) {
        double pipeline = (to[0] - from[0]) / wallSeconds;
        double own = (to[1] - from[1]) / wallSeconds;
        double busy = (to[2] - from[2]) / wallSeconds;
        double busyShare = to[3] > from[3] ? (to[2] - from[2]) / (to[3] - from[3]) : 0;
        return new Cores(pipeline, own, Math.max(0, busy - pipeline - own), busyShare);
    }

    private Result load(SiteInventory site, UpProcess up, PipelineProbe probe, SitePublisher publisher,
                        DecisionWatch decisions, Alarms alarmRun) throws Exception {
        long start = System.currentTimeMillis();
        double[] cpuAtStart = cpuNow(up);
        Iterator<List<SimMessage>> batches = new ScenarioRun(site, new Healthy(), TopicLayout.defaults(), start, 1,
                // one sample per module per second (the nominal physics): seed 1's varied physics samples every 5 s
                Variation.nominal()).iterator();
        Room alarmRoom = null;
        long alarmSent = 0;
        long lagAtAlarm = 0;
        long nextSample = start + SAMPLE_EVERY.toMillis();
        long rssPeak = 0;
        long stateEarly = 0;
        double batteryLagMax = 0;
        for (int s = 0; s < seconds && batches.hasNext(); s++) {
            long wait = start + s * 1000L - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            publisher.publish(batches.next());
            if (s == seconds / 3) {
                // the first of two measures of what the pipeline holds; the second is at the end
                up.fullGc();
                stateEarly = probe.stateKiB();
            }
            if (alarmRun.tick(s, publisher) && alarmSent == 0) {
                // the first alarm: also timed to its decision on Kafka, with detection's backlog when it was sent
                alarmSent = alarmRun.firstSentMs();
                alarmRoom = alarmRun.firstRoom();
                lagAtAlarm = probe.ingested() - probe.detected();
            }
            if (System.currentTimeMillis() >= nextSample) {
                nextSample += SAMPLE_EVERY.toMillis();
                long rss = up.rssMiB();
                rssPeak = Math.max(rssPeak, rss);
                // the battery path's lag in seconds: readings detection has still to read, at the rate ingest writes them
                long ingestedNow = probe.ingested();
                double perSecond = ingestedNow / Math.max(1.0, (System.currentTimeMillis() - start) / 1000.0);
                batteryLagMax = Math.max(batteryLagMax, (ingestedNow - probe.detected()) / Math.max(1.0, perSecond));
                out.println("  " + probe.sample(System.currentTimeMillis() - start, publisher.acked(), rss));
                if (!up.isAlive()) {
                    throw new IllegalStateException("firebreak up died:\n" + up.tail());
                }
            }
        }
        publisher.drain();
        double publishSeconds = (System.currentTimeMillis() - start) / 1000.0;
        Cores cores = cores(cpuAtStart, cpuNow(up), publishSeconds);
        long ingested = probe.ingested();
        long detected = probe.detected();
        long sunk = probe.sunk();
        long caughtUp = probe.awaitCaughtUp(Duration.ofMinutes(5));
        rssPeak = Math.max(rssPeak, up.rssMiB());
        long alarmMs = decisions.awaitDecision(alarmRoom.id(), Duration.ofMinutes(2)) - alarmSent;
        Alarms.Latencies webhooks = alarmRun.awaitAll(Duration.ofMinutes(2));
        up.fullGc();
        return new Result(publisher.acked(), publishSeconds, ingested, detected, sunk, (caughtUp - start) / 1000.0 - publishSeconds,
                alarmMs, lagAtAlarm, rssPeak, stateEarly, probe.stateKiB(), cores, webhooks, batteryLagMax);
    }

    /** The room's fire panel reports an alarm in its first zone, as in the contract. */
    static void publishAlarm(SitePublisher publisher, SiteInventory site, Room room, long ts, long seq) throws Exception {
        Room.FirePanel panel = room.firePanels().get(0);
        String topic = TopicLayout.defaults().topicOf(DeviceAddress.of(site.site(), room.id(), DeviceKind.FIRE, panel.id()));
        String payload = "{\"ts\":" + ts + ",\"seq\":" + seq + ",\"zone\":\"" + panel.zones().get(0) + "\",\"event\":\"alarm\"}";
        publisher.publish(topic, payload.getBytes(StandardCharsets.UTF_8), false);
    }

    private void report(SiteInventory site, int modules, UpProcess up, Result r) throws Exception {
        boolean oom = up.ranOutOfMemory();
        up.close();
        if (keepLogs != null) {
            up.copyLogs(keepLogs);
        }
        GcLog gc = up.gcLog();
        List<Long> live = gc.liveAfterFullMiB();
        long liveEarly = live.isEmpty() ? 0 : live.get(0);
        long liveLate = live.isEmpty() ? 0 : live.get(live.size() - 1);
        double published = r.published() / r.publishSeconds();
        // the site makes this many messages per simulated second; below it, publishing fell behind real time
        double siteRate = r.published() / (double) seconds;
        out.printf("  the site makes %,.0f messages/s; publishing reached %,.0f/s (%.0f s behind real time at the end)%n", siteRate,
                published, Math.max(0, r.publishSeconds() - seconds));
        out.printf("  published %,.0f messages/s; in the load window ingest wrote %,.0f readings/s, detection consumed %,.0f/s, "
                        + "the sink %,.0f/s; everything consumed %.1f s after publishing stopped%n", published,
                r.ingested() / r.publishSeconds(), r.detected() / r.publishSeconds(), r.sunk() / r.publishSeconds(), r.catchUpSeconds());
        out.printf("  cores while publishing (of %d): the pipeline JVM %.2f, Kafka + the load generator %.2f, everything else "
                        + "(Mosquitto, InfluxDB, other processes) %.2f; machine busy %.0f %%%n", Runtime.getRuntime().availableProcessors(),
                r.cores().pipeline(), r.cores().brokerAndLoad(), r.cores().others(), r.cores().machineBusy() * 100);
        out.printf("  fire-panel alarm over MQTT -> drain decision on Kafka: %d ms, with detection %,d readings behind ingest "
                + "when it was sent%n", r.alarmMs(), r.lagAtAlarm());
        out.printf("  fire-panel alarm over MQTT -> signed drain webhook received: %d alarms, p50 %d ms, p99 %d ms, max %d ms "
                        + "(%d not received, %d webhooks refused by the receiver); battery path at most %.1f s behind%n",
                r.webhooks().count(), r.webhooks().p50(), r.webhooks().p99(), r.webhooks().max(), r.webhooks().missing(),
                r.webhooks().refused(), r.batteryLagMaxSeconds());
        out.printf("  heap: -Xmx%s, peak %d MiB of %d MiB committed, live after a full GC %d MiB at a third of the run / %d MiB "
                        + "at the end, %d full collections needed; RSS peak %d MiB%n", heap, gc.peakMiB(), gc.sizeMiB(), liveEarly, liveLate,
                gc.unrequestedFullCollections(), r.rssPeakMiB());
        out.printf("  state stores %,d KiB at a third of the run, %,d KiB at the end%s%n", r.stateEarlyKiB(), r.stateEndKiB(),
                oom ? "; OutOfMemoryError in the pipeline's log" : "");
        out.printf("bench=pipeline cells=%d modules=%d seconds=%d heap_max=%s heap_committed_mib=%d heap_peak_mib=%d live_heap_early_mib=%d "
                        + "live_heap_late_mib=%d full_gcs_needed=%d oom=%b rss_peak_mib=%d site_per_s=%.0f published_per_s=%.0f ingested_per_s=%.0f "
                        + "detected_per_s=%.0f sunk_per_s=%.0f catch_up_s=%.1f ratio=%.3f alarm_to_decision_ms=%d lag_at_alarm=%d "
                        + "state_kib_early=%d state_kib_end=%d "
                        + "pipeline_cores=%.2f machine_busy_pct=%.0f alarms=%d alarms_missing=%d alarm_to_webhook_ms_p50=%d "
                        + "alarm_to_webhook_ms_p99=%d alarm_to_webhook_ms_max=%d battery_lag_s_max=%.1f ingested_ratio=%.3f "
                        + "detected_ratio=%.3f sunk_ratio=%.3f%n",
                site.cells(), modules, seconds, heap, gc.sizeMiB(), gc.peakMiB(), liveEarly, liveLate, gc.unrequestedFullCollections(), oom,
                r.rssPeakMiB(), siteRate, published, r.ingested() / r.publishSeconds(), r.detected() / r.publishSeconds(),
                r.sunk() / r.publishSeconds(), r.catchUpSeconds(), r.detected() / (double) Math.max(1, r.published()), r.alarmMs(), r.lagAtAlarm(),
                r.stateEarlyKiB(), r.stateEndKiB(), r.cores().pipeline(), r.cores().machineBusy() * 100,
                r.webhooks().count(), r.webhooks().missing(), r.webhooks().p50(), r.webhooks().p99(), r.webhooks().max(),
                r.batteryLagMaxSeconds(), r.ingested() / (double) Math.max(1, r.published()),
                r.detected() / (double) Math.max(1, r.published()), r.sunk() / (double) Math.max(1, r.published()));
    }
}
