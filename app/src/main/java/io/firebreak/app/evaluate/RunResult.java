package io.firebreak.app.evaluate;

import io.firebreak.alerting.PagerEvent;
import io.firebreak.alerting.PagerRouter;
import java.util.List;

import io.firebreak.simulators.GroundTruth;
import java.util.Locale;

/**
 * One scenario run judged against its ground truth. Times are event-time offsets from the scenario
 * start in ms (null when it did not happen); lead times are how long before the event the drain came.
 *
 * <p>A fire scenario passes when the room is drained before its power loss and no other room is. When a
 * sensor could see the fault at least {@link #FIVE_MINUTES} before the runaway ({@code fiveMinuteRule}),
 * the drain must also come at least that long before the runaway. A benign scenario passes when nothing is
 * drained and no tenant is paged. Pages are the PagerDuty triggers alerting would send for the run's alerts,
 * per recipient: the facility team, and the tenants (one per tenant routing key).
 */
record RunResult(String scenario, long seed, boolean drainExpected, Long visible, Long firstAlert, Long drain,
                 Long leadBeforeIgnition, Long leadBeforeRunaway, Long leadBeforePowerLoss, boolean drainedBeforePowerLoss,
                 boolean fiveMinuteRule, int falseDrains, int facilityPages, int tenantPages, double roomHours, boolean passed,
                 String why) {

    static final long FIVE_MINUTES = 300_000;

    /** True when the five-minute rule applies to this run and the drain met it. */
    boolean fiveMinuteRuleMet() {
        return fiveMinuteRule && leadBeforeRunaway != null && leadBeforeRunaway >= FIVE_MINUTES;
    }

    static RunResult judge(GroundTruth truth, long start, long durationMs, int rooms, long seed, ReplayDriver.Outcome outcome,
                           PagerRouter pager) {
        List<PagerEvent> pages = outcome.alerts().stream().flatMap(a -> pager.eventsFor(a).stream())
                .filter(e -> PagerEvent.TRIGGER.equals(e.eventAction())).toList();
        int tenantPages = (int) pages.stream().filter(e -> e.recipient().startsWith("tenant:")).count();
        int facilityPages = pages.size() - tenantPages;
        Long firstAlert = outcome.alerts().stream().filter(a -> a.level().ordinal() >= 2).mapToLong(a -> a.detectedAt() - start)
                .boxed().min(Long::compare).orElse(null);
        Long drain = outcome.decisions().stream().filter(d -> truth.room() != null && d.room().equals(truth.room()))
                .mapToLong(d -> d.detectedAt() - start).boxed().min(Long::compare).orElse(null);
        int falseDrains = (int) outcome.decisions().stream()
                .filter(d -> !truth.drainExpected() || !d.room().equals(truth.room())).count();
        Long visible = offset(truth.firstVisible(), start);
        Long runaway = offset(truth.runaway(), start);
        Long leadIgnition = lead(offset(truth.ignition(), start), drain);
        Long leadRunaway = lead(runaway, drain);
        Long leadPower = lead(offset(truth.powerLoss(), start), drain);
        boolean rule = truth.drainExpected() && visible != null && runaway != null && runaway - visible >= FIVE_MINUTES;
        long by = truth.drainBy() == null ? Long.MAX_VALUE : truth.drainBy() - start;
        boolean inTime = truth.drainExpected() && drain != null && drain < by;
        String why;
        if (!truth.drainExpected()) {
            why = !outcome.decisions().isEmpty() ? "drained a benign scenario" : tenantPages > 0 ? "paged tenants on a benign scenario" : "";
        } else if (drain == null) {
            why = "no drain";
        } else if (!inTime) {
            why = "drain after the deadline";
        } else if (rule && leadRunaway < FIVE_MINUTES) {
            why = String.format(Locale.ROOT, "drain %s %s runaway, needs %s (visible %s before)", EvaluationTable.time(Math.abs(leadRunaway)),
                    leadRunaway < 0 ? "after" : "before", EvaluationTable.time(FIVE_MINUTES), EvaluationTable.time(runaway - visible));
        } else {
            why = falseDrains > 0 ? "drained another room" : "";
        }
        double roomHours = truth.drainExpected() ? 0 : roomHours(rooms, durationMs);
        return new RunResult(truth.scenario(), seed, truth.drainExpected(), visible, firstAlert, drain, leadIgnition, leadRunaway,
                leadPower, inTime, rule, falseDrains, facilityPages, tenantPages, roomHours, why.isEmpty(), why);
    }

    /** The room-hours a benign run of {@code durationMs} over {@code rooms} rooms watches. */
    static double roomHours(int rooms, long durationMs) {
        return rooms * durationMs / 3_600_000.0;
    }

    private static Long offset(Long at, long start) {
        return at == null ? null : at - start;
    }

    private static Long lead(Long event, Long drain) {
        return event == null || drain == null ? null : event - drain;
    }
}
