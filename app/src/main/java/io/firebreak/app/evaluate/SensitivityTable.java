package io.firebreak.app.evaluate;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The sensitivity table as Markdown: one line per threshold setting (see {@link Sensitivity}). */
final class SensitivityTable {

    private static final String INTRO = """
            # Threshold sensitivity

            `firebreak evaluate --sensitivity` runs the same sweep with the default thresholds and then once more for
            each varied threshold at its default -20 % and +20 % (`--threshold KEY=VALUE`, one threshold at a time;
            durations in seconds). Per setting:

            - **fire passed**: fire runs that passed (drained before the power loss, five-minute rule met where it
              applies, no other room drained) over fire runs;
            - **five-minute rule**: runs that met it over the runs it applies to;
            - **median lead**: the median lead of the drain before the runaway over every fire run that drained, then per
              fire scenario (m:ss; negative: after the runaway);
            - **benign**: false drains over every benign run, and false drains, tenant pages and facility pages per
              benign room-hour.

            A change from the defaults' line is the margin that threshold has: a lead that shrinks, a pass that is
            lost, or a benign page that appears.

            """;

    private SensitivityTable() {
    }

    static String render(List<Sensitivity.Row> rows, String runs) {
        Set<String> fires = fireScenarios(rows);
        StringBuilder text = new StringBuilder(INTRO).append(runs).append("\n\n");
        text.append("| threshold | value | fire passed | five-minute rule | median lead (all fire runs) | ")
                .append(fires.stream().map(s -> "median lead " + s + " | ").collect(Collectors.joining()))
                .append("benign false drains | false drains / tenant pages / facility pages per benign room-hour |\n");
        text.append("| --- | --- | --- | --- | --- | ").append("--- | ".repeat(fires.size())).append("--- | --- |\n");
        rows.forEach(row -> text.append(row(row, fires)).append('\n'));
        return text.toString();
    }

    /** The fire scenarios among {@code rows}' runs, in run order. */
    static Set<String> fireScenarios(List<Sensitivity.Row> rows) {
        Set<String> fires = new LinkedHashSet<>();
        rows.forEach(row -> row.results().stream().filter(RunResult::drainExpected).forEach(r -> fires.add(r.scenario())));
        return fires;
    }

    static String row(Sensitivity.Row row, Set<String> fires) {
        List<RunResult> results = row.results();
        List<RunResult> fire = results.stream().filter(RunResult::drainExpected).toList();
        List<RunResult> benign = results.stream().filter(r -> !r.drainExpected()).toList();
        double hours = benign.stream().mapToDouble(RunResult::roomHours).sum();
        Sensitivity.Variant v = row.variant();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | ",
                v.key() == null ? "defaults" : "`" + v.key() + "` " + v.label(), v.value() == null ? "-" : v.value(),
                fire.isEmpty() ? "-" : fire.stream().filter(RunResult::passed).count() + "/" + fire.size(),
                fire.isEmpty() ? "-" : fire.stream().filter(RunResult::fiveMinuteRuleMet).count() + "/"
                        + fire.stream().filter(RunResult::fiveMinuteRule).count(),
                median(fire)));
        for (String scenario : fires) {
            line.append(median(fire.stream().filter(r -> r.scenario().equals(scenario)).toList())).append(" | ");
        }
        long falseDrains = benign.stream().mapToLong(RunResult::falseDrains).sum();
        line.append(benign.isEmpty() ? "-" : String.valueOf(falseDrains)).append(" | ");
        line.append(hours == 0 ? "-" : String.format(Locale.ROOT, "%.3f / %.3f / %.3f", falseDrains / hours,
                benign.stream().mapToLong(RunResult::tenantPages).sum() / hours,
                benign.stream().mapToLong(RunResult::facilityPages).sum() / hours)).append(" |");
        return line.toString();
    }

    /** The median lead before the runaway over the runs that drained ({@code -} for none), lower middle for an even count. */
    static String median(List<RunResult> runs) {
        long[] leads = runs.stream().filter(r -> r.leadBeforeRunaway() != null).mapToLong(RunResult::leadBeforeRunaway).sorted().toArray();
        return leads.length == 0 ? "-" : EvaluationTable.time(leads[(leads.length - 1) / 2]);
    }
}
