package io.firebreak.app.evaluate;

import io.firebreak.simulators.GroundTruth;

/**
 * One scenario run judged against its ground truth. Times are event-time offsets from the scenario
 * start in ms (null when it did not happen); lead times are how long before the event the drain came.
 */
record RunResult(String scenario, long seed, boolean drainExpected, Long firstAlert, Long drain, Long leadBeforeIgnition,
                 Long leadBeforePowerLoss, int falseDrains, double roomHours, boolean passed, String why) {

    static RunResult judge(GroundTruth truth, long start, long durationMs, int rooms, long seed, ReplayDriver.Outcome outcome) {
        Long firstAlert = outcome.alerts().stream().filter(a -> a.level().ordinal() >= 2).mapToLong(a -> a.detectedAt() - start)
                .boxed().min(Long::compare).orElse(null);
        Long drain = outcome.decisions().stream().filter(d -> truth.room() != null && d.room().equals(truth.room()))
                .mapToLong(d -> d.detectedAt() - start).boxed().min(Long::compare).orElse(null);
        int falseDrains = (int) outcome.decisions().stream()
                .filter(d -> !truth.drainExpected() || !d.room().equals(truth.room())).count();
        Long leadIgnition = drain == null || truth.ignition() == null ? null : truth.ignition() - start - drain;
        Long leadPower = drain == null || truth.powerLoss() == null ? null : truth.powerLoss() - start - drain;
        boolean passed;
        String why;
        if (truth.drainExpected()) {
            long by = truth.drainBy() == null ? Long.MAX_VALUE : truth.drainBy() - start;
            passed = drain != null && drain < by && falseDrains == 0;
            why = drain == null ? "no drain" : drain >= by ? "drain after the deadline" : falseDrains > 0 ? "drained another room" : "";
        } else {
            passed = outcome.decisions().isEmpty();
            why = passed ? "" : "drained a benign scenario";
        }
        double roomHours = truth.drainExpected() ? 0 : rooms * durationMs / 3_600_000.0;
        return new RunResult(truth.scenario(), seed, truth.drainExpected(), firstAlert, drain, leadIgnition, leadPower,
                falseDrains, roomHours, passed, why);
    }
}
