package io.firebreak.app.evaluate;

import java.util.List;
import java.util.Locale;

/** The evaluation table as Markdown, and the closing summary with its key=value line. */
final class EvaluationTable {

    private static final String HEADER = "| scenario | seed | expected | visible | first alert | drain | lead before runaway "
            + "| lead before power loss | false drains | facility pages | tenant pages | result |\n"
            + "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n";

    /** What the table says and how runs are judged: regenerating the table keeps it. */
    private static final String INTRO = """
            # firebreak evaluate

            Each run replays one scenario and seed through the contract parser and the detection topology (replay
            time mode, `TopologyTestDriver`) and is judged against the scenario's ground truth:

            - A **fire** scenario passes when its room is drained before the power loss, and no other room is.
            - **Five-minute rule.** When a sensor could see the fault at least 5 minutes before the runaway, the
              drain must also come at least 5 minutes before the runaway. `visible` is that moment, from the
              ground truth (`first_visible`; the definitions are in `docs/simulators.md`).
            - A **benign** scenario passes when nothing is drained and no tenant is paged. Each benign run adds its
              duration times the site's rooms to `benign_room_hours`.
            - **Pages** are the PagerDuty triggers alerting would send for the run's alerts, per recipient: the
              facility team, and each tenant whose halls the room powers.

            Times are event time from the scenario start (m:ss). Leads are how long before the runaway or the
            power loss the drain came (negative: after). In the summary, `five_minute_rule=K/N` counts the N
            runs the rule applies to and the K that met it.

            """;

    private EvaluationTable() {
    }

    static String row(RunResult r) {
        return String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s | %d | %d | %d | %s |", r.scenario(), r.seed(),
                r.drainExpected() ? "drain" : "no drain", time(r.visible()), time(r.firstAlert()), time(r.drain()),
                time(r.leadBeforeRunaway()), time(r.leadBeforePowerLoss()), r.falseDrains(), r.facilityPages(), r.tenantPages(),
                r.passed() ? "pass" : "FAIL: " + r.why());
    }

    static String render(List<RunResult> results) {
        StringBuilder text = new StringBuilder(INTRO).append(perScenario(results)).append('\n').append(HEADER);
        results.forEach(r -> text.append(row(r)).append('\n'));
        return text.append('\n').append(summary(results)).toString();
    }

    private static final String SCENARIO_HEADER = "| scenario | runs | drained before power loss | lead before runaway min / median "
            + "| five-minute rule | false drains | benign room-hours | pages per benign room-hour (facility / tenant) | failed |\n"
            + "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n";

    /**
     * One line per scenario over its seeds: fires drained before the power loss, the lead before the runaway
     * (min / median over the runs that drained), the five-minute rule (met / runs it applies to), false drains,
     * and for benign scenarios the room-hours watched and the pages per room-hour per recipient.
     */
    static String perScenario(List<RunResult> results) {
        StringBuilder text = new StringBuilder(SCENARIO_HEADER);
        java.util.Map<String, List<RunResult>> byScenario = new java.util.LinkedHashMap<>();
        results.forEach(r -> byScenario.computeIfAbsent(r.scenario(), k -> new java.util.ArrayList<>()).add(r));
        byScenario.forEach((name, runs) -> {
            boolean fire = runs.get(0).drainExpected();
            long[] leads = runs.stream().filter(r -> r.leadBeforeRunaway() != null).mapToLong(RunResult::leadBeforeRunaway).sorted().toArray();
            double hours = runs.stream().mapToDouble(RunResult::roomHours).sum();
            long facility = runs.stream().mapToLong(RunResult::facilityPages).sum();
            long tenant = runs.stream().mapToLong(RunResult::tenantPages).sum();
            text.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %d | %s | %s | %d |%n", name, runs.size(),
                    fire ? runs.stream().filter(RunResult::drainedBeforePowerLoss).count() + "/" + runs.size() : "-",
                    leads.length == 0 ? "-" : time(leads[0]) + " / " + time(leads[(leads.length - 1) / 2]),
                    fire ? runs.stream().filter(RunResult::fiveMinuteRuleMet).count() + "/" + runs.stream().filter(RunResult::fiveMinuteRule).count()
                            : "-",
                    runs.stream().mapToLong(RunResult::falseDrains).sum(), fire ? "-" : String.format(Locale.ROOT, "%.1f", hours),
                    fire || hours == 0 ? "-" : String.format(Locale.ROOT, "%.3f / %.3f", facility / hours, tenant / hours),
                    runs.stream().filter(r -> !r.passed()).count()));
        });
        return text.toString();
    }

    static String summary(List<RunResult> results) {
        long failed = results.stream().filter(r -> !r.passed()).count();
        long fires = results.stream().filter(RunResult::drainExpected).count();
        long drainedInTime = results.stream().filter(RunResult::drainedBeforePowerLoss).count();
        long falseDrains = results.stream().mapToLong(RunResult::falseDrains).sum();
        double roomHours = results.stream().mapToDouble(RunResult::roomHours).sum();
        long ruleApplies = results.stream().filter(RunResult::fiveMinuteRule).count();
        long ruleMet = results.stream().filter(RunResult::fiveMinuteRuleMet).count();
        long benignFacility = results.stream().filter(r -> !r.drainExpected()).mapToLong(RunResult::facilityPages).sum();
        long benignTenant = results.stream().filter(r -> !r.drainExpected()).mapToLong(RunResult::tenantPages).sum();
        return String.format(Locale.ROOT, "runs=%d failed=%d fire_runs=%d drained_before_power_loss=%d false_drains=%d "
                + "benign_room_hours=%.1f five_minute_rule=%d/%d benign_facility_pages=%d benign_tenant_pages=%d%n", results.size(),
                failed, fires, drainedInTime, falseDrains, roomHours, ruleMet, ruleApplies, benignFacility, benignTenant);
    }

    /** An offset as m:ss (minutes may exceed 59), {@code -} for none. */
    static String time(Long ms) {
        if (ms == null) {
            return "-";
        }
        long abs = Math.abs(ms);
        return String.format(Locale.ROOT, "%s%d:%02d", ms < 0 ? "-" : "", abs / 60_000, abs % 60_000 / 1000);
    }
}
