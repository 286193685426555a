package io.firebreak.dashboards;

import java.time.Duration;
import java.util.List;

/**
 * The retention policies and continuous queries the sink keeps in its database, as InfluxQL.
 *
 * <p>Full-resolution points go to {@value #RAW}, the database's default retention policy (30 days unless
 * configured). Continuous queries resample {@code bms_module}, {@code env} and {@code power} to one point a
 * minute into {@value #LONG_TERM} (2 years unless configured), keeping each field's worst case (max of
 * temperatures, smoke and off-gas, min of voltages and of "output on") so a short excursion survives
 * downsampling. {@code RESAMPLE FOR 5m} recomputes the last five minutes, so points that arrive late
 * (Kafka lag, InfluxDB outages shorter than that) are still folded in.
 */
public final class RetentionSetup {

    /** The default retention policy: full resolution. */
    public static final String RAW = "raw";
    /** The downsampled retention policy: one point a minute per series. */
    public static final String LONG_TERM = "long_term";

    /** One idempotent step: {@code statement}, or {@code onConflict} when the object exists with other settings. */
    record Step(String statement, List<String> onConflict) {
    }

    private static final List<List<String>> DOWNSAMPLED = List.of(
            List.of(PointMapper.BMS_MODULE, "max(\"t_max\") AS \"t_max\", min(\"t_min\") AS \"t_min\", mean(\"t_mean\") AS \"t_mean\", "
                    + "max(\"t_spread\") AS \"t_spread\", max(\"t_dev_max\") AS \"t_dev_max\", max(\"v_max\") AS \"v_max\", "
                    + "min(\"v_min\") AS \"v_min\", max(\"v_spread\") AS \"v_spread\", max(\"v_dev_max\") AS \"v_dev_max\", "
                    + "mean(\"current_a\") AS \"current_a\", mean(\"soc\") AS \"soc\""),
            List.of(PointMapper.ENV, "mean(\"air_t\") AS \"air_t\", mean(\"rh\") AS \"rh\", max(\"h2_ppm\") AS \"h2_ppm\", "
                    + "max(\"co_ppm\") AS \"co_ppm\", max(\"voc_ppm\") AS \"voc_ppm\", max(\"smoke_pct_m\") AS \"smoke_pct_m\""),
            List.of(PointMapper.POWER, "max(\"on_battery\") AS \"on_battery\", min(\"input_v\") AS \"input_v\", "
                    + "mean(\"output_kw\") AS \"output_kw\", min(\"output_on\") AS \"output_on\", "
                    + "min(\"battery_breaker_closed\") AS \"battery_breaker_closed\""));

    private RetentionSetup() {
    }

    /** The continuous query name for a measurement, e.g. {@code cq_bms_module_1m}. */
    static String continuousQueryName(String measurement) {
        return "cq_" + measurement + "_1m";
    }

    /** Every step, in order: both retention policies first, then one continuous query per downsampled measurement. */
    static List<Step> steps(SinkConfig config) {
        String db = quote(config.database());
        List<Step> steps = new java.util.ArrayList<>();
        steps.add(policy(db, RAW, config.rawRetention(), true));
        steps.add(policy(db, LONG_TERM, config.longTermRetention(), false));
        for (List<String> downsampled : DOWNSAMPLED) {
            String measurement = downsampled.get(0);
            String name = quote(continuousQueryName(measurement));
            String create = "CREATE CONTINUOUS QUERY " + name + " ON " + db + " RESAMPLE EVERY 1m FOR 5m BEGIN SELECT "
                    + downsampled.get(1) + " INTO " + db + "." + quote(LONG_TERM) + "." + quote(measurement)
                    + " FROM " + db + "." + quote(RAW) + "." + quote(measurement) + " GROUP BY time(1m), * END";
            // a continuous query cannot be altered: a changed definition replaces the old one
            steps.add(new Step(create, List.of("DROP CONTINUOUS QUERY " + name + " ON " + db, create)));
        }
        return List.copyOf(steps);
    }

    /**
     * Creates what is missing and updates what differs; throws when InfluxDB cannot be reached or
     * refuses a statement even after its conflict fallback.
     */
    static void apply(Writer writer, SinkConfig config) {
        for (Step step : steps(config)) {
            try {
                writer.execute(step.statement());
            } catch (IllegalStateException conflict) {
                step.onConflict().forEach(writer::execute);
            }
        }
    }

    private static Step policy(String db, String name, Duration duration, boolean isDefault) {
        String settings = " ON " + db + " DURATION " + duration.toSeconds() + "s REPLICATION 1" + (isDefault ? " DEFAULT" : "");
        return new Step("CREATE RETENTION POLICY " + quote(name) + settings,
                List.of("ALTER RETENTION POLICY " + quote(name) + settings));
    }

    private static String quote(String identifier) {
        return "\"" + identifier + "\"";
    }
}
