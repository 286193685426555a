package io.firebreak.app;

import io.firebreak.simulators.GroundTruth;
import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The demo's story in event time, relative to ignition: what happened, what Firebreak saw, decided and
 * delivered, and the margin between the drain reaching the traffic systems and the power loss.
 * Wall-clock moments (deliveries) are mapped onto event time through the replay speed.
 */
final class Timeline {

    private record Line(long ts, String what, String detail) {
    }

    private final GroundTruth truth;
    private final long simStart;
    private final long wallStart;
    private final double speed;
    private final SiteInventory site;

    Timeline(GroundTruth truth, long simStart, long wallStart, double speed, SiteInventory site) {
        this.truth = truth;
        this.simStart = simStart;
        this.wallStart = wallStart;
        this.speed = speed;
        this.site = site;
    }

    /** Prints the timeline and the verdict; true when the drain was delivered before the power loss. */
    boolean print(PrintStream out, List<TopicWatcher.Seen<Alert>> alerts, List<TopicWatcher.Seen<DrainDecision>> decisions,
                  List<WebhookReceiver.Delivery> deliveries, List<WebhookReceiver.Page> pages, long powerLossWall) {
        List<Line> lines = new ArrayList<>();
        String rack = site.room(truth.room()).map(r -> r.racks().get(0).id()).orElse("?");
        lines.add(new Line(truth.ignition(), "ignition", "rack " + rack + " in " + truth.room() + "; the BMS shows nothing before it"));
        Optional<Alert> first = alerts.stream().map(TopicWatcher.Seen::value).filter(a -> a.room().equals(truth.room()))
                .min(Comparator.comparingLong(Alert::detectedAt));
        first.flatMap(a -> a.evidence().stream().min(Comparator.comparingLong(Evidence::ts)))
                .ifPresent(e -> lines.add(new Line(e.ts(), "first signal", e.describe())));
        alerts.stream().map(TopicWatcher.Seen::value).filter(a -> a.room().equals(truth.room()) && a.level().atLeast(RiskLevel.WARNING))
                .forEach(a -> lines.add(new Line(a.detectedAt(), "alert " + a.level().name().toLowerCase(Locale.ROOT), a.summary())));
        Optional<DrainDecision> drain = decisions.stream().map(TopicWatcher.Seen::value)
                .filter(d -> d.type().equals(DrainDecision.REQUESTED) && d.room().equals(truth.room())).findFirst();
        drain.ifPresent(d -> lines.add(new Line(d.detectedAt(), "drain decided",
                d.id() + ": drain " + String.join(", ", d.scope()) + " (tenants " + String.join(", ", d.tenants()) + ")")));
        decisions.stream().filter(d -> d.value().room().equals(truth.room())).findFirst().ifPresent(d -> lines.add(
                new Line(toEventTime(d.wallMillis()), "on Kafka", "the decision is on firebreak.decisions.v1 for alerting to deliver")));
        Optional<Long> delivered = deliveries.stream().filter(WebhookReceiver.Delivery::signatureValid)
                .map(WebhookReceiver.Delivery::receivedAt).min(Long::compare);
        delivered.ifPresent(wall -> lines.add(new Line(toEventTime(wall), "drain delivered", deliveries.stream()
                .filter(WebhookReceiver.Delivery::signatureValid).map(WebhookReceiver.Delivery::target).distinct()
                .collect(Collectors.joining(", ")) + " (Standard Webhooks signature valid)")));
        pages.stream().map(WebhookReceiver.Page::receivedAt).min(Long::compare).ifPresent(wall -> lines.add(new Line(toEventTime(wall),
                "paged", pages.size() + " PagerDuty events (facility and every tenant fed by the room)")));
        lines.add(new Line(truth.powerLoss(), "power lost", "first UPS path of " + truth.room() + " drops its output"));
        lines.add(new Line(truth.roomDark(), "room dark", "the room's gateway goes offline"));
        lines.sort(Comparator.comparingLong(Line::ts));

        out.println("  time from ignition   event            detail");
        for (Line line : lines) {
            out.printf("  %-20s %-16s %s%n", offset(line.ts()), line.what(), line.detail());
        }
        out.println();
        return verdict(out, drain, delivered, powerLossWall);
    }

    private boolean verdict(PrintStream out, Optional<DrainDecision> drain, Optional<Long> delivered, long powerLossWall) {
        if (drain.isEmpty() || delivered.isEmpty()) {
            out.println("FAIL: no drain reached the traffic systems" + (drain.isPresent() ? " (decided, but not delivered)" : ""));
            return false;
        }
        long decidedMargin = truth.powerLoss() - drain.get().detectedAt();
        long deliveredMargin = truth.powerLoss() - toEventTime(delivered.get());
        boolean beforeOnWall = powerLossWall == 0 || delivered.get() < powerLossWall;
        out.printf("  margin: drain decided %s and delivered %s before the power loss (event time)%n",
                duration(decidedMargin), duration(deliveredMargin));
        if (decidedMargin > 0 && deliveredMargin > 0 && beforeOnWall) {
            out.println("PASS: traffic was drained before the power was cut");
            return true;
        }
        out.println("FAIL: the drain came after the power loss");
        return false;
    }

    private long toEventTime(long wall) {
        return simStart + (long) ((wall - wallStart) * speed);
    }

    private String offset(long ts) {
        long ms = ts - truth.ignition();
        return (ms < 0 ? "T-" : "T+") + duration(Math.abs(ms));
    }

    static String duration(long ms) {
        long abs = Math.abs(ms);
        return String.format(Locale.ROOT, "%s%d:%04.1f", ms < 0 ? "-" : "", abs / 60_000, (abs % 60_000) / 1000.0);
    }
}
