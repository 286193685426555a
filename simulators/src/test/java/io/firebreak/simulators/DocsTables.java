package io.firebreak.simulators;

import io.firebreak.telemetry.contract.BmsSample;
import io.firebreak.telemetry.contract.ContractParser;
import io.firebreak.telemetry.contract.EnvSample;
import io.firebreak.telemetry.contract.PowerSample;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.inventory.InventoryLoader;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.util.List;
import java.util.Objects;

/** Prints the tables of docs/simulators.md (run by hand: not a test). */
public final class DocsTables {

    private static final SiteInventory SITE = new InventoryLoader(name -> null).loadResource("/inventory/pangyo.yaml");
    private static final ContractParser PARSER = new ContractParser(TopicLayout.defaults());

    public static void main(String[] args) {
        System.out.println("| scenario | expected | fault onset | first visible | first vent | runaway | fire alarm | power loss | room dark | drain by |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        List<String> visibleBy = new java.util.ArrayList<>();
        for (Scenario s : Scenarios.all()) {
            GroundTruth g = new ScenarioRun(SITE, s, TopicLayout.defaults(), 0, 1).groundTruth();
            System.out.printf("| `%s` | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", s.name(), g.expected(), t(g.faultOnset()),
                    t(g.firstVisible()), t(g.firstVent()), t(g.runaway()), t(g.fire()), t(g.powerLoss()), t(g.roomDark()), t(g.drainBy()));
            if (g.visibleBy() != null) {
                visibleBy.add(String.format("- `%s`: %s, at %s.", s.name(), g.visibleBy(), t(g.firstVisible())));
            }
        }
        System.out.println();
        visibleBy.forEach(System.out::println);
        series(Scenarios.byName(args.length > 0 ? args[0] : "grid-outage").orElseThrow(), args.length > 1 ? Long.parseLong(args[1]) : 300_000);
        series(Scenarios.byName(args.length > 2 ? args[2] : "external-heating").orElseThrow(), args.length > 3 ? Long.parseLong(args[3]) : 300_000);
    }

    static String t(Long ms) {
        if (ms == null) {
            return "-";
        }
        long s = ms / 1000;
        return String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    /** One row every {@code everyMs}: hottest and median probe, zone gases, smoke, UPS. */
    static void series(Scenario scenario, long everyMs) {
        ScenarioRun run = new ScenarioRun(SITE, scenario, TopicLayout.defaults(), 0, 1);
        GroundTruth truth = run.groundTruth();
        System.out.printf("%n%s (seed 1): %s%n%n", scenario.name(), truth.toJson());
        System.out.println("| time | hottest probe C | median probe C | cell V min | string A | VOC ppm | CO ppm | H2 ppm | smoke %obs/m | UPS-a on battery / output |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        // a module sampled every few seconds is not in every second's batch: each row shows every module's latest sample
        java.util.Map<String, BmsSample> latest = new java.util.HashMap<>();
        for (List<SimMessage> batch : run) {
            if (batch.isEmpty()) {
                continue;
            }
            long ts = batch.get(batch.size() - 1).ts();
            for (SimMessage m : batch) {
                Reading r = PARSER.parse(m.topic(), m.payload(), m.ts()).reading().orElseThrow();
                if (r.source().room().equals(truth.room()) && r.measurement() instanceof BmsSample b) {
                    latest.put(r.source().deviceId(), b);
                }
            }
            boolean stage = Objects.equals(ts, truth.firstVent()) || Objects.equals(ts, truth.runaway() == null ? null : truth.runaway() + 10_000)
                    || Objects.equals(ts, truth.fire()) || Objects.equals(ts, truth.powerLoss());
            if (ts % everyMs != 0 && !stage) {
                continue;
            }
            double hottest = -99;
            double vmin = 99;
            double current = 0;
            java.util.List<Double> probes = new java.util.ArrayList<>();
            String gas = "- | - | - | -";
            String ups = "-";
            boolean published = false;
            for (SimMessage m : batch) {
                Reading r = PARSER.parse(m.topic(), m.payload(), m.ts()).reading().orElseThrow();
                if (!r.source().room().equals(truth.room())) {
                    continue;
                }
                published |= r.measurement() instanceof BmsSample;
                if (r.measurement() instanceof BmsSample) {
                    continue;
                } else if (r.measurement() instanceof EnvSample e && r.source().device().equals(SITE.room(truth.room()).orElseThrow().envSensors().get(0).id())) {
                    gas = String.format("%.1f | %.1f | %.1f | %.3f", e.vocPpm(), e.coPpm(), e.h2Ppm(), e.smokePctM());
                } else if (r.measurement() instanceof PowerSample p && ups.equals("-")) {
                    ups = p.onBattery() + " / " + (p.outputOn() ? "on" : "LOST");
                }
            }
            if (published) {
                for (BmsSample b : latest.values()) {
                    b.cellT().stream().filter(Objects::nonNull).forEach(probes::add);
                    hottest = Math.max(hottest, b.cellT().stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).max().orElse(-99));
                    vmin = Math.min(vmin, b.cellV().stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).min().orElse(99));
                    current = b.currentA();
                }
            }
            if (probes.isEmpty()) {
                System.out.printf("| %s | room dark: nothing published | | | | | | | | |%n", t(ts));
                continue;
            }
            probes.sort(Double::compare);
            System.out.printf("| %s | %.1f | %.1f | %.3f | %.1f | %s | %s |%n", t(ts), hottest, probes.get(probes.size() / 2), vmin, current, gas, ups);
        }
    }
}
