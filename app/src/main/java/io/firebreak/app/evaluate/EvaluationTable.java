package io.firebreak.app.evaluate;

import java.util.List;
import java.util.Locale;

/** The evaluation table as Markdown, and the closing summary with its key=value line. */
final class EvaluationTable {

    private static final String HEADER = "| scenario | seed | expected | first alert | drain | lead before ignition | lead before power loss | false drains | result |\n"
            + "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n";

    private EvaluationTable() {
    }

    static String row(RunResult r) {
        return String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %d | %s |", r.scenario(), r.seed(),
                r.drainExpected() ? "drain" : "no drain", time(r.firstAlert()), time(r.drain()), time(r.leadBeforeIgnition()),
                time(r.leadBeforePowerLoss()), r.falseDrains(), r.passed() ? "pass" : "FAIL: " + r.why());
    }

    static String render(List<RunResult> results) {
        StringBuilder text = new StringBuilder("# firebreak evaluate\n\nTimes are event time from the scenario start (m:ss).\n\n").append(HEADER);
        results.forEach(r -> text.append(row(r)).append('\n'));
        return text.append('\n').append(summary(results)).toString();
    }

    static String summary(List<RunResult> results) {
        long failed = results.stream().filter(r -> !r.passed()).count();
        long fires = results.stream().filter(RunResult::drainExpected).count();
        long drainedInTime = results.stream().filter(r -> r.drainExpected() && r.passed()).count();
        long falseDrains = results.stream().mapToLong(RunResult::falseDrains).sum();
        double roomHours = results.stream().mapToDouble(RunResult::roomHours).sum();
        return String.format(Locale.ROOT, "runs=%d failed=%d fire_runs=%d drained_before_power_loss=%d false_drains=%d benign_room_hours=%.1f%n",
                results.size(), failed, fires, drainedInTime, falseDrains, roomHours);
    }

    private static String time(Long ms) {
        if (ms == null) {
            return "-";
        }
        long abs = Math.abs(ms);
        return String.format(Locale.ROOT, "%s%d:%02d", ms < 0 ? "-" : "", abs / 60_000, abs % 60_000 / 1000);
    }
}
