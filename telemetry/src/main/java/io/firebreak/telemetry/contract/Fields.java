package io.firebreak.telemetry.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Field-level rules of contract section 2: types and the physical ranges a sensor can report. */
final class Fields {

    /** More values than any module has cells is an attack or a fault, not a module. */
    static final int MAX_CELLS = 1024;
    /** Latest accepted event time: the year 9999. */
    private static final long MAX_TS = 253_402_300_799_999L;

    private Fields() {
    }

    static long timestamp(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new ContractViolation("ts is missing", null);
        }
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong() || node.asLong() < 0 || node.asLong() > MAX_TS) {
                throw new ContractViolation("ts is not a valid epoch-milliseconds time: " + describe(node), null);
            }
            return node.asLong();
        }
        if (node.isTextual()) {
            try {
                return OffsetDateTime.parse(node.asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new ContractViolation("ts is not an RFC 3339 time with an offset: " + describe(node), null);
            }
        }
        throw new ContractViolation("ts must be epoch milliseconds or an RFC 3339 string, was " + describe(node), null);
    }

    static BmsSample bms(JsonNode root, ContractParser.FieldCollector fields) {
        List<Double> cellV = numberArray(root, "cell_v", 0.0, 10.0, fields);
        List<Double> cellT = numberArray(root, "cell_t", -60.0, 1500.0, fields);
        Double current = number(root, "current_a", -100_000.0, 100_000.0, fields);
        Double soc = number(root, "soc", 0.0, 1.0, fields);
        if (cellV.isEmpty() && cellT.isEmpty() && current == null && soc == null) {
            throw new ContractViolation("bms message has no valid cell_v, cell_t, current_a or soc", null);
        }
        return new BmsSample(cellV, cellT, current, soc);
    }

    static EnvSample env(JsonNode root, ContractParser.FieldCollector fields) {
        EnvSample sample = new EnvSample(
                number(root, "air_t", -60.0, 1500.0, fields),
                number(root, "rh", 0.0, 100.0, fields),
                number(root, "h2_ppm", 0.0, 1_000_000.0, fields),
                number(root, "co_ppm", 0.0, 1_000_000.0, fields),
                number(root, "voc_ppm", 0.0, 1_000_000.0, fields),
                number(root, "smoke_pct_m", 0.0, 100.0, fields));
        if (sample.airT() == null && sample.rh() == null && sample.h2Ppm() == null && sample.coPpm() == null
                && sample.vocPpm() == null && sample.smokePctM() == null) {
            throw new ContractViolation("env message has none of air_t, rh, h2_ppm, co_ppm, voc_ppm, smoke_pct_m with a valid value", null);
        }
        return sample;
    }

    static PowerSample power(JsonNode root, ContractParser.FieldCollector fields) {
        PowerSample sample = new PowerSample(
                bool(root, "on_battery", fields),
                number(root, "input_v", 0.0, 100_000.0, fields),
                number(root, "output_kw", -1_000_000.0, 1_000_000.0, fields),
                bool(root, "output_on", fields),
                bool(root, "battery_breaker_closed", fields));
        if (sample.onBattery() == null && sample.inputV() == null && sample.outputKw() == null
                && sample.outputOn() == null && sample.batteryBreakerClosed() == null) {
            throw new ContractViolation("power message has none of on_battery, input_v, output_kw, output_on, battery_breaker_closed with a valid value", null);
        }
        return sample;
    }

    static FireEvent fire(JsonNode root) {
        JsonNode event = root.get("event");
        FireEventType type = event != null && event.isTextual() ? FireEventType.fromWire(event.asText()) : null;
        if (type == null) {
            throw new ContractViolation("fire event must be one of pre_alarm, alarm, suppression_released, fault, reset; was "
                    + describe(event), "event");
        }
        JsonNode zone = root.get("zone");
        return new FireEvent(zone != null && zone.isTextual() ? zone.asText() : null, type);
    }

    static GatewayStatus gateway(JsonNode root) {
        JsonNode online = root.get("online");
        if (online == null || !online.isBoolean()) {
            throw new ContractViolation("gateway status needs a boolean 'online', was " + describe(online), "online");
        }
        return new GatewayStatus(online.asBoolean());
    }

    private static Double number(JsonNode root, String field, double min, double max, ContractParser.FieldCollector fields) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        return checkedNumber(node, field, min, max, fields);
    }

    private static Double checkedNumber(JsonNode node, String field, double min, double max, ContractParser.FieldCollector fields) {
        if (!node.isNumber()) {
            fields.reject(field, "expected a number, was " + describe(node));
            return null;
        }
        double value = node.asDouble();
        if (!Double.isFinite(value) || value < min || value > max) {
            fields.reject(field, "outside what the sensor can report [" + min + ", " + max + "], was " + node.asText());
            return null;
        }
        return value;
    }

    private static Boolean bool(JsonNode root, String field, ContractParser.FieldCollector fields) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            fields.reject(field, "expected true or false, was " + describe(node));
            return null;
        }
        return node.asBoolean();
    }

    private static List<Double> numberArray(JsonNode root, String field, double min, double max, ContractParser.FieldCollector fields) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            fields.reject(field, "expected an array of numbers, was " + describe(node));
            return List.of();
        }
        if (node.size() > MAX_CELLS) {
            fields.reject(field, "has " + node.size() + " values, more than the " + MAX_CELLS + " a module can have");
            return List.of();
        }
        List<Double> values = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            values.add(element.isNull() ? null : checkedNumber(element, field + "[" + i + "]", min, max, fields));
        }
        return values;
    }

    /** A short, safe description of a JSON value for an error message. */
    static String describe(JsonNode node) {
        if (node == null) {
            return "missing";
        }
        String text = node.isTextual() ? "\"" + node.asText() + "\"" : node.toString();
        String type = node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        return type + " " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }
}
