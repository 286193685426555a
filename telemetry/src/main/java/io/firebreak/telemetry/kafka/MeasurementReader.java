package io.firebreak.telemetry.kafka;

import static io.firebreak.telemetry.kafka.ReadingValues.doubleList;
import static io.firebreak.telemetry.kafka.ReadingValues.malformed;
import static io.firebreak.telemetry.kafka.ReadingValues.nullableBoolean;
import static io.firebreak.telemetry.kafka.ReadingValues.nullableDouble;
import static io.firebreak.telemetry.kafka.ReadingValues.nullableString;
import static io.firebreak.telemetry.kafka.ReadingValues.requiredBoolean;
import static io.firebreak.telemetry.kafka.ReadingValues.requiredString;
import static io.firebreak.telemetry.kafka.ReadingValues.skipValue;

import com.fasterxml.jackson.core.JsonParser;
import io.firebreak.telemetry.contract.BmsSample;
import io.firebreak.telemetry.contract.EnvSample;
import io.firebreak.telemetry.contract.FireEvent;
import io.firebreak.telemetry.contract.FireEventType;
import io.firebreak.telemetry.contract.GatewayStatus;
import io.firebreak.telemetry.contract.Measurement;
import io.firebreak.telemetry.contract.PowerSample;
import java.io.IOException;
import java.util.List;

/**
 * Reads the fields of a measurement object once its {@code kind} is known, up to the object's end.
 * Fields of other kinds, and unknown ones, are skipped.
 */
final class MeasurementReader {

    private static final String PREFIX = ReadingJson.MEASUREMENT + ".";

    private MeasurementReader() {
    }

    static Measurement readFields(JsonParser p, String kind) throws IOException {
        return switch (kind) {
            case ReadingJson.BMS -> bms(p);
            case ReadingJson.ENV -> env(p);
            case ReadingJson.POWER -> power(p);
            case ReadingJson.FIRE -> fire(p);
            case ReadingJson.GATEWAY -> gateway(p);
            default -> throw malformed(p, PREFIX + ReadingJson.KIND,
                    "expected one of bms, env, power, fire, gateway, was \"" + kind + "\"");
        };
    }

    private static BmsSample bms(JsonParser p) throws IOException {
        List<Double> cellV = null;
        List<Double> cellT = null;
        Double currentA = null;
        Double soc = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            switch (name) {
                case ReadingJson.CELL_V -> cellV = doubleList(p, PREFIX + ReadingJson.CELL_V);
                case ReadingJson.CELL_T -> cellT = doubleList(p, PREFIX + ReadingJson.CELL_T);
                case ReadingJson.CURRENT_A -> currentA = nullableDouble(p, PREFIX + ReadingJson.CURRENT_A);
                case ReadingJson.SOC -> soc = nullableDouble(p, PREFIX + ReadingJson.SOC);
                default -> skipValue(p);
            }
        }
        return new BmsSample(cellV, cellT, currentA, soc);
    }

    private static EnvSample env(JsonParser p) throws IOException {
        Double airT = null;
        Double rh = null;
        Double h2Ppm = null;
        Double coPpm = null;
        Double vocPpm = null;
        Double smokePctM = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            switch (name) {
                case ReadingJson.AIR_T -> airT = nullableDouble(p, PREFIX + ReadingJson.AIR_T);
                case ReadingJson.RH -> rh = nullableDouble(p, PREFIX + ReadingJson.RH);
                case ReadingJson.H2_PPM -> h2Ppm = nullableDouble(p, PREFIX + ReadingJson.H2_PPM);
                case ReadingJson.CO_PPM -> coPpm = nullableDouble(p, PREFIX + ReadingJson.CO_PPM);
                case ReadingJson.VOC_PPM -> vocPpm = nullableDouble(p, PREFIX + ReadingJson.VOC_PPM);
                case ReadingJson.SMOKE_PCT_M -> smokePctM = nullableDouble(p, PREFIX + ReadingJson.SMOKE_PCT_M);
                default -> skipValue(p);
            }
        }
        return new EnvSample(airT, rh, h2Ppm, coPpm, vocPpm, smokePctM);
    }

    private static PowerSample power(JsonParser p) throws IOException {
        Boolean onBattery = null;
        Double inputV = null;
        Double outputKw = null;
        Boolean outputOn = null;
        Boolean breakerClosed = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            switch (name) {
                case ReadingJson.ON_BATTERY -> onBattery = nullableBoolean(p, PREFIX + ReadingJson.ON_BATTERY);
                case ReadingJson.INPUT_V -> inputV = nullableDouble(p, PREFIX + ReadingJson.INPUT_V);
                case ReadingJson.OUTPUT_KW -> outputKw = nullableDouble(p, PREFIX + ReadingJson.OUTPUT_KW);
                case ReadingJson.OUTPUT_ON -> outputOn = nullableBoolean(p, PREFIX + ReadingJson.OUTPUT_ON);
                case ReadingJson.BATTERY_BREAKER_CLOSED ->
                        breakerClosed = nullableBoolean(p, PREFIX + ReadingJson.BATTERY_BREAKER_CLOSED);
                default -> skipValue(p);
            }
        }
        return new PowerSample(onBattery, inputV, outputKw, outputOn, breakerClosed);
    }

    private static FireEvent fire(JsonParser p) throws IOException {
        String zone = null;
        FireEventType event = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            switch (name) {
                case ReadingJson.ZONE -> zone = nullableString(p, PREFIX + ReadingJson.ZONE);
                case ReadingJson.EVENT -> event = fireEvent(p);
                default -> skipValue(p);
            }
        }
        if (event == null) {
            throw malformed(p, PREFIX + ReadingJson.EVENT, "is required");
        }
        return new FireEvent(zone, event);
    }

    private static FireEventType fireEvent(JsonParser p) throws IOException {
        String text = requiredString(p, PREFIX + ReadingJson.EVENT);
        FireEventType event = FireEventType.fromWire(text);
        if (event == null) {
            throw malformed(p, PREFIX + ReadingJson.EVENT,
                    "expected one of pre_alarm, alarm, suppression_released, fault, reset, was \"" + text + "\"");
        }
        return event;
    }

    private static GatewayStatus gateway(JsonParser p) throws IOException {
        Boolean online = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            if (ReadingJson.ONLINE.equals(name)) {
                online = requiredBoolean(p, PREFIX + ReadingJson.ONLINE);
            } else {
                skipValue(p);
            }
        }
        if (online == null) {
            throw malformed(p, PREFIX + ReadingJson.ONLINE, "is required");
        }
        return new GatewayStatus(online);
    }
}
