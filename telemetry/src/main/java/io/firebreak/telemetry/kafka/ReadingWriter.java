package io.firebreak.telemetry.kafka;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.firebreak.telemetry.contract.BmsSample;
import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.DeviceKind;
import io.firebreak.telemetry.contract.EnvSample;
import io.firebreak.telemetry.contract.FireEvent;
import io.firebreak.telemetry.contract.FireEventType;
import io.firebreak.telemetry.contract.GatewayStatus;
import io.firebreak.telemetry.contract.Measurement;
import io.firebreak.telemetry.contract.PowerSample;
import io.firebreak.telemetry.contract.Reading;
import java.io.IOException;
import java.util.List;

/**
 * Writes a {@link Reading} with Jackson's streaming generator, byte for byte as {@link Json#mapper()} writes
 * it: same field order, nulls left out (but kept inside cell lists), NaN and infinities as strings.
 */
final class ReadingWriter {

    /** A 14-cell BMS sample is about 400 bytes. */
    private static final int INITIAL_CAPACITY = 512;

    private static final SerializableString SOURCE = name(ReadingJson.SOURCE);
    private static final SerializableString TS = name(ReadingJson.TS);
    private static final SerializableString SEQ = name(ReadingJson.SEQ);
    private static final SerializableString RECEIVED_AT = name(ReadingJson.RECEIVED_AT);
    private static final SerializableString HISTORICAL = name(ReadingJson.HISTORICAL);
    private static final SerializableString MEASUREMENT = name(ReadingJson.MEASUREMENT);
    private static final SerializableString SITE = name(ReadingJson.SITE);
    private static final SerializableString ROOM = name(ReadingJson.ROOM);
    private static final SerializableString KIND = name(ReadingJson.KIND);
    private static final SerializableString RACK = name(ReadingJson.RACK);
    private static final SerializableString DEVICE = name(ReadingJson.DEVICE);
    private static final SerializableString BMS = name(ReadingJson.BMS);
    private static final SerializableString ENV = name(ReadingJson.ENV);
    private static final SerializableString POWER = name(ReadingJson.POWER);
    private static final SerializableString FIRE = name(ReadingJson.FIRE);
    private static final SerializableString GATEWAY = name(ReadingJson.GATEWAY);
    private static final SerializableString CELL_V = name(ReadingJson.CELL_V);
    private static final SerializableString CELL_T = name(ReadingJson.CELL_T);
    private static final SerializableString CURRENT_A = name(ReadingJson.CURRENT_A);
    private static final SerializableString SOC = name(ReadingJson.SOC);
    private static final SerializableString AIR_T = name(ReadingJson.AIR_T);
    private static final SerializableString RH = name(ReadingJson.RH);
    private static final SerializableString H2_PPM = name(ReadingJson.H2_PPM);
    private static final SerializableString CO_PPM = name(ReadingJson.CO_PPM);
    private static final SerializableString VOC_PPM = name(ReadingJson.VOC_PPM);
    private static final SerializableString SMOKE_PCT_M = name(ReadingJson.SMOKE_PCT_M);
    private static final SerializableString ON_BATTERY = name(ReadingJson.ON_BATTERY);
    private static final SerializableString INPUT_V = name(ReadingJson.INPUT_V);
    private static final SerializableString OUTPUT_KW = name(ReadingJson.OUTPUT_KW);
    private static final SerializableString OUTPUT_ON = name(ReadingJson.OUTPUT_ON);
    private static final SerializableString BATTERY_BREAKER_CLOSED = name(ReadingJson.BATTERY_BREAKER_CLOSED);
    private static final SerializableString ZONE = name(ReadingJson.ZONE);
    private static final SerializableString EVENT = name(ReadingJson.EVENT);
    private static final SerializableString ONLINE = name(ReadingJson.ONLINE);

    /** Device kinds by ordinal, as databind writes an enum without a {@code @JsonValue}: its name. */
    private static final SerializableString[] DEVICE_KINDS = names(DeviceKind.values(), DeviceKind::name);
    /** Fire events by ordinal, as their {@code @JsonValue} writes them. */
    private static final SerializableString[] FIRE_EVENTS = names(FireEventType.values(), FireEventType::wireName);

    private static final DoubleTexts DOUBLE_TEXTS = new DoubleTexts();

    private ReadingWriter() {
    }

    static byte[] write(Reading reading) throws IOException {
        ByteArrayBuilder out = new ByteArrayBuilder(INITIAL_CAPACITY);
        try (JsonGenerator gen = ReadingJson.FACTORY.createGenerator(out)) {
            gen.writeStartObject();
            gen.writeFieldName(SOURCE);
            writeSource(gen, reading.source());
            gen.writeFieldName(TS);
            gen.writeNumber(reading.ts());
            if (reading.seq() != null) {
                gen.writeFieldName(SEQ);
                gen.writeNumber(reading.seq().longValue());
            }
            gen.writeFieldName(RECEIVED_AT);
            gen.writeNumber(reading.receivedAt());
            gen.writeFieldName(HISTORICAL);
            gen.writeBoolean(reading.historical());
            gen.writeFieldName(MEASUREMENT);
            writeMeasurement(gen, reading.measurement());
            gen.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void writeSource(JsonGenerator gen, DeviceAddress source) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName(SITE);
        gen.writeString(source.site());
        gen.writeFieldName(ROOM);
        gen.writeString(source.room());
        gen.writeFieldName(KIND);
        gen.writeString(DEVICE_KINDS[source.kind().ordinal()]);
        optional(gen, RACK, source.rack());
        gen.writeFieldName(DEVICE);
        gen.writeString(source.device());
        gen.writeEndObject();
    }

    private static void writeMeasurement(JsonGenerator gen, Measurement measurement) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName(KIND);
        if (measurement instanceof BmsSample bms) {
            gen.writeString(BMS);
            doubles(gen, CELL_V, bms.cellV());
            doubles(gen, CELL_T, bms.cellT());
            optional(gen, CURRENT_A, bms.currentA());
            optional(gen, SOC, bms.soc());
        } else if (measurement instanceof EnvSample env) {
            gen.writeString(ENV);
            optional(gen, AIR_T, env.airT());
            optional(gen, RH, env.rh());
            optional(gen, H2_PPM, env.h2Ppm());
            optional(gen, CO_PPM, env.coPpm());
            optional(gen, VOC_PPM, env.vocPpm());
            optional(gen, SMOKE_PCT_M, env.smokePctM());
        } else if (measurement instanceof PowerSample power) {
            gen.writeString(POWER);
            optional(gen, ON_BATTERY, power.onBattery());
            optional(gen, INPUT_V, power.inputV());
            optional(gen, OUTPUT_KW, power.outputKw());
            optional(gen, OUTPUT_ON, power.outputOn());
            optional(gen, BATTERY_BREAKER_CLOSED, power.batteryBreakerClosed());
        } else if (measurement instanceof FireEvent fire) {
            gen.writeString(FIRE);
            optional(gen, ZONE, fire.zone());
            gen.writeFieldName(EVENT);
            gen.writeString(FIRE_EVENTS[fire.event().ordinal()]);
        } else if (measurement instanceof GatewayStatus gateway) {
            gen.writeString(GATEWAY);
            gen.writeFieldName(ONLINE);
            gen.writeBoolean(gateway.online());
        } else {
            throw new IllegalStateException("measurement: no JSON shape for " + measurement.getClass().getName());
        }
        gen.writeEndObject();
    }

    /** Cell lists are written whole, nulls included: a null marks a cell or probe without a reading. */
    private static void doubles(JsonGenerator gen, SerializableString name, List<Double> values) throws IOException {
        gen.writeFieldName(name);
        gen.writeStartArray();
        for (int i = 0, n = values.size(); i < n; i++) {
            Double value = values.get(i);
            if (value == null) {
                gen.writeNull();
            } else {
                number(gen, value);
            }
        }
        gen.writeEndArray();
    }

    private static void optional(JsonGenerator gen, SerializableString name, Double value) throws IOException {
        if (value != null) {
            gen.writeFieldName(name);
            number(gen, value);
        }
    }

    /** As {@code writeNumber(double)} writes it; NaN and the infinities are left to it (they become strings). */
    private static void number(JsonGenerator gen, double value) throws IOException {
        if (Double.isFinite(value)) {
            gen.writeRawValue(DOUBLE_TEXTS.of(value));
        } else {
            gen.writeNumber(value);
        }
    }

    private static void optional(JsonGenerator gen, SerializableString name, Boolean value) throws IOException {
        if (value != null) {
            gen.writeFieldName(name);
            gen.writeBoolean(value);
        }
    }

    private static void optional(JsonGenerator gen, SerializableString name, String value) throws IOException {
        if (value != null) {
            gen.writeFieldName(name);
            gen.writeString(value);
        }
    }

    private static SerializableString name(String text) {
        return new SerializedString(text);
    }

    private static <E> SerializableString[] names(E[] values, java.util.function.Function<E, String> wire) {
        SerializableString[] names = new SerializableString[values.length];
        for (int i = 0; i < values.length; i++) {
            names[i] = new SerializedString(wire.apply(values[i]));
        }
        return names;
    }
}
