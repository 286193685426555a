package io.firebreak.dashboards;

import io.firebreak.telemetry.contract.BmsSample;
import io.firebreak.telemetry.contract.DeadLetter;
import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.EnvSample;
import io.firebreak.telemetry.contract.FireEvent;
import io.firebreak.telemetry.contract.GatewayStatus;
import io.firebreak.telemetry.contract.PowerSample;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DeliveryAttempt;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.OperatorAction;
import io.firebreak.telemetry.decision.RiskLevel;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns Firebreak's Kafka records into InfluxDB points, following the schema in {@code dashboards/SCHEMA.md}.
 *
 * <p>Cardinality stays bounded: a series is one module, sensor, device, panel or gateway, never one
 * cell; a module's cells are summarised (min, max, mean, spread). A delivery series is one kind, target
 * and outcome of one room. Ids, reasons and free text are fields, never tags. Flags are integers 0/1 so
 * Grafana can aggregate and graph them. Absent or non-finite values are left out; a record with nothing
 * left to store maps to no point.
 */
public final class PointMapper {

    public static final String BMS_MODULE = "bms_module";
    public static final String ENV = "env";
    public static final String POWER = "power";
    public static final String FIRE_EVENT = "fire_event";
    public static final String GATEWAY = "gateway";
    public static final String ALERT = "alert";
    public static final String DRAIN = "drain";
    public static final String DEAD_LETTER = "dead_letter";
    public static final String DELIVERY = "delivery";
    public static final String OPERATOR_ACTION = "operator_action";

    /** The {@code error} a dry run records: signed and logged, never sent. */
    private static final String DRY_RUN = "dry_run";

    private PointMapper() {
    }

    /** The point of one reading, at its event time {@code ts}. */
    public static Optional<SeriesPoint> map(Reading reading) {
        DeviceAddress source = reading.source();
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("site", source.site());
        tags.put("room", source.room());
        Fields fields = new Fields();
        String measurement;
        // Java 17 has no pattern switch: the sealed Measurement is matched kind by kind
        if (reading.measurement() instanceof BmsSample bms) {
            measurement = BMS_MODULE;
            tags.put("rack", source.rack());
            tags.put("module", source.device());
            summarise(fields, "t", bms.cellT(), true);
            summarise(fields, "v", bms.cellV(), false);
            fields.number("current_a", bms.currentA()).number("soc", bms.soc()).flag("historical", reading.historical());
        } else if (reading.measurement() instanceof EnvSample env) {
            measurement = ENV;
            tags.put("sensor", source.device());
            fields.number("air_t", env.airT()).number("rh", env.rh()).number("h2_ppm", env.h2Ppm())
                    .number("co_ppm", env.coPpm()).number("voc_ppm", env.vocPpm()).number("smoke_pct_m", env.smokePctM());
        } else if (reading.measurement() instanceof PowerSample power) {
            measurement = POWER;
            tags.put("device", source.device());
            fields.flag("on_battery", power.onBattery()).number("input_v", power.inputV())
                    .number("output_kw", power.outputKw()).flag("output_on", power.outputOn())
                    .flag("battery_breaker_closed", power.batteryBreakerClosed());
        } else if (reading.measurement() instanceof FireEvent fire) {
            measurement = FIRE_EVENT;
            tags.put("panel", source.device());
            tags.put("event", fire.event().wireName());
            fields.text("zone", fire.zone()).count("count", 1);
        } else if (reading.measurement() instanceof GatewayStatus gateway) {
            measurement = GATEWAY;
            tags.put("gateway", source.device());
            fields.flag("online", gateway.online());
        } else {
            throw new IllegalArgumentException("measurement: unknown kind " + reading.measurement().getClass().getName());
        }
        return fields.isEmpty() ? Optional.empty() : Optional.of(new SeriesPoint(measurement, tags, fields.values, reading.ts()));
    }

    /** The point of a risk-level change, at its {@code detectedAt}; usable as a Grafana annotation. */
    public static SeriesPoint map(Alert alert) {
        Fields fields = new Fields().text("id", alert.id()).text("previous", level(alert.previous()))
                .text("summary", alert.summary()).text("evidence", describe(alert.evidence()))
                .count("level_rank", alert.level().ordinal());
        return new SeriesPoint(ALERT, Map.of("site", alert.site(), "room", alert.room(), "level", level(alert.level())),
                fields.values, alert.detectedAt());
    }

    /** The point of a drain request or release, at its {@code detectedAt}; usable as a Grafana annotation. */
    public static SeriesPoint map(DrainDecision drain) {
        Fields fields = new Fields().text("id", drain.id()).text("scope", String.join(",", drain.scope()))
                .text("tenants", String.join(",", drain.tenants())).text("reason", drain.reason())
                .text("severity", level(drain.severity()));
        return new SeriesPoint(DRAIN, Map.of("site", drain.site(), "room", drain.room(), "type", drain.type()),
                fields.values, drain.detectedAt());
    }

    /**
     * The point of a dead letter, at the time it was received. {@code reason_class} is {@code message}
     * when the whole message was rejected and {@code value} when one value was left out.
     */
    public static SeriesPoint map(DeadLetter deadLetter) {
        Fields fields = new Fields().count("count", 1).text("topic", deadLetter.originalTopic())
                .text("reason", deadLetter.reason()).text("field", deadLetter.field());
        return new SeriesPoint(DEAD_LETTER, Map.of("reason_class", deadLetter.wholeMessage() ? "message" : "value"),
                fields.values, deadLetter.receivedAt());
    }

    /**
     * The point of one webhook or page delivery attempt, at the wall clock it started ({@code at}).
     * {@code outcome} is {@code accepted} (any 2xx), {@code rejected} (another HTTP status),
     * {@code no_answer} (no status: network error, timeout), {@code dry_run} (nothing was sent) or
     * {@code undelivered} (not an attempt: the room's drain and the page about it both keep failing).
     */
    public static SeriesPoint map(DeliveryAttempt attempt) {
        Fields fields = new Fields().text("subject", attempt.subject()).text("message_id", attempt.messageId())
                .count("attempt", attempt.attempt()).count("status", attempt.status())
                .count("latency_ms", attempt.latencyMs()).text("error", attempt.error());
        return new SeriesPoint(DELIVERY, Map.of("site", attempt.site(), "room", attempt.room(), "kind", attempt.kind(),
                "target", attempt.target(), "outcome", outcome(attempt)), fields.values, attempt.at());
    }

    /**
     * The point of a person's action (ack, approve, veto, release, takeover), at its wall clock {@code at};
     * a Grafana annotation of who did what to which decision or alert.
     */
    public static SeriesPoint map(OperatorAction action) {
        Fields fields = new Fields().text("id", action.id()).text("subject", action.subject())
                .text("operator", action.operator()).text("note", action.note());
        return new SeriesPoint(OPERATOR_ACTION, Map.of("site", action.site(), "room", action.room(), "action", action.action()),
                fields.values, action.at());
    }

    private static String outcome(DeliveryAttempt attempt) {
        if (DeliveryAttempt.UNDELIVERED.equals(attempt.kind())) {
            return "undelivered";
        }
        if (DRY_RUN.equals(attempt.error())) {
            return "dry_run";
        }
        if (attempt.accepted()) {
            return "accepted";
        }
        return attempt.status() == 0 ? "no_answer" : "rejected";
    }

    private static void summarise(Fields fields, String prefix, List<Double> values, boolean withMean) {
        DoubleSummaryStatistics stats = values.stream().filter(Objects::nonNull).filter(Double::isFinite)
                .mapToDouble(Double::doubleValue).summaryStatistics();
        if (stats.getCount() == 0) {
            return;
        }
        fields.number(prefix + "_max", stats.getMax()).number(prefix + "_min", stats.getMin());
        if (withMean) {
            fields.number(prefix + "_mean", stats.getAverage());
        }
        fields.number(prefix + "_spread", stats.getMax() - stats.getMin());
        fields.number(prefix + "_dev_max", maxDeviationFromMedian(values));
    }

    /** The largest distance of one value from the module's median: one cell drifting from its peers. */
    private static double maxDeviationFromMedian(List<Double> values) {
        double[] sorted = values.stream().filter(Objects::nonNull).filter(Double::isFinite)
                .mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return Math.max(median - sorted[0], sorted[n - 1] - median);
    }

    private static String describe(List<Evidence> evidence) {
        return evidence.isEmpty() ? null : evidence.stream().map(Evidence::describe).collect(Collectors.joining("; "));
    }

    private static String level(RiskLevel level) {
        return level.name().toLowerCase(Locale.ROOT);
    }

    /** Field values in insertion order, leaving out what is absent. */
    private static final class Fields {
        private final Map<String, Object> values = new LinkedHashMap<>();

        Fields number(String name, Double value) {
            if (value != null && Double.isFinite(value)) {
                values.put(name, value);
            }
            return this;
        }

        Fields flag(String name, Boolean value) {
            if (value != null) {
                values.put(name, value ? 1L : 0L);
            }
            return this;
        }

        Fields count(String name, long value) {
            values.put(name, value);
            return this;
        }

        Fields text(String name, String value) {
            if (value != null) {
                values.put(name, value);
            }
            return this;
        }

        boolean isEmpty() {
            return values.isEmpty();
        }
    }
}
