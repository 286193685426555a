package io.firebreak.telemetry.kafka;

import static io.firebreak.telemetry.kafka.ReadingValues.describe;
import static io.firebreak.telemetry.kafka.ReadingValues.malformed;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.DeviceKind;
import io.firebreak.telemetry.contract.Measurement;
import io.firebreak.telemetry.contract.Reading;
import java.io.IOException;

/**
 * Reads a {@link Reading} with Jackson's streaming parser. It reads everything {@link Json#mapper()}
 * writes and, like it, takes fields in any order and skips fields it does not know. Where databind would
 * guess, it refuses: a field the record cannot do without ({@code source}, {@code ts}, {@code received_at},
 * {@code historical}, {@code measurement} and its {@code kind}) must be there (databind puts a zero or
 * false), a value must have its JSON type (databind turns {@code "5"} or {@code 5.5} into a {@code ts} of
 * 5), and nothing may follow the reading.
 */
final class ReadingReader {

    private static final int TS = 1;
    private static final int RECEIVED_AT = 2;
    private static final int HISTORICAL = 4;
    private static final int ALL_PRIMITIVES = TS | RECEIVED_AT | HISTORICAL;

    private static final DeviceKind[] DEVICE_KINDS = DeviceKind.values();
    private static final DeviceAddresses ADDRESSES = new DeviceAddresses();

    private ReadingReader() {
    }

    /**
     * Reads one reading from {@code length} bytes at {@code offset}; nothing may follow it. The JSON
     * literal {@code null} is no reading, as for databind.
     */
    static Reading read(byte[] data, int offset, int length) throws IOException {
        try (JsonParser p = ReadingJson.FACTORY.createParser(data, offset, length)) {
            Reading reading = p.nextToken() == JsonToken.VALUE_NULL ? null : readReading(p);
            if (p.nextToken() != null) {
                throw malformed(p, "reading", "unexpected " + describe(p) + " after the reading's object");
            }
            return reading;
        }
    }

    private static Reading readReading(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw malformed(p, "reading", "expected an object, was " + describe(p));
        }
        DeviceAddress source = null;
        long ts = 0;
        Long seq = null;
        long receivedAt = 0;
        boolean historical = false;
        Measurement measurement = null;
        int seen = 0;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            switch (name) {
                case ReadingJson.SOURCE -> source = readSource(p);
                case ReadingJson.TS -> {
                    ts = ReadingValues.requiredLong(p, ReadingJson.TS);
                    seen |= TS;
                }
                case ReadingJson.SEQ -> seq = ReadingValues.nullableLong(p, ReadingJson.SEQ);
                case ReadingJson.RECEIVED_AT -> {
                    receivedAt = ReadingValues.requiredLong(p, ReadingJson.RECEIVED_AT);
                    seen |= RECEIVED_AT;
                }
                case ReadingJson.HISTORICAL -> {
                    historical = ReadingValues.requiredBoolean(p, ReadingJson.HISTORICAL);
                    seen |= HISTORICAL;
                }
                case ReadingJson.MEASUREMENT -> measurement = readMeasurement(p);
                default -> ReadingValues.skipValue(p);
            }
        }
        if (source == null || measurement == null || seen != ALL_PRIMITIVES) {
            throw malformed(p, missing(source, measurement, seen), "is required");
        }
        try {
            return new Reading(source, ts, seq, receivedAt, historical, measurement);
        } catch (IllegalArgumentException e) {
            throw malformed(p, "reading", e.getMessage());
        }
    }

    private static DeviceAddress readSource(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw malformed(p, ReadingJson.SOURCE, "expected an object, was " + describe(p));
        }
        String site = null;
        String room = null;
        DeviceKind kind = null;
        String rack = null;
        String device = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            switch (name) {
                case ReadingJson.SITE -> site = ReadingValues.nullableString(p, "source.site");
                case ReadingJson.ROOM -> room = ReadingValues.nullableString(p, "source.room");
                case ReadingJson.KIND -> kind = deviceKind(p);
                case ReadingJson.RACK -> rack = ReadingValues.nullableString(p, "source.rack");
                case ReadingJson.DEVICE -> device = ReadingValues.nullableString(p, "source.device");
                default -> ReadingValues.skipValue(p);
            }
        }
        if (kind == null) {
            throw malformed(p, "source.kind", "is required");
        }
        try {
            return ADDRESSES.of(site, room, kind, rack, device);
        } catch (IllegalArgumentException e) {
            throw malformed(p, ReadingJson.SOURCE, e.getMessage());
        }
    }

    /** As databind reads an enum without a {@code @JsonValue}: by its exact name. */
    private static DeviceKind deviceKind(JsonParser p) throws IOException {
        String text = ReadingValues.requiredString(p, "source.kind");
        // a scan of five names beats Enum.valueOf's hash map lookup
        for (DeviceKind kind : DEVICE_KINDS) {
            if (kind.name().equals(text)) {
                return kind;
            }
        }
        throw malformed(p, "source.kind", "expected one of BMS, ENV, POWER, FIRE, GATEWAY, was \"" + text + "\"");
    }

    /**
     * The measurement's {@code kind} comes first, as every Firebreak writer puts it. Should another writer
     * put it later, the other fields are copied aside until the kind is known, then read from the copy.
     */
    private static Measurement readMeasurement(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw malformed(p, ReadingJson.MEASUREMENT, "expected an object, was " + describe(p));
        }
        String first = p.nextFieldName();
        if (ReadingJson.KIND.equals(first)) {
            return MeasurementReader.readFields(p, ReadingValues.requiredString(p, "measurement.kind"));
        }
        ByteArrayBuilder rest = new ByteArrayBuilder();
        String kind = null;
        try (JsonGenerator copy = ReadingJson.FACTORY.createGenerator(rest)) {
            copy.writeStartObject();
            for (String name = first; name != null; name = p.nextFieldName()) {
                if (ReadingJson.KIND.equals(name)) {
                    kind = ReadingValues.requiredString(p, "measurement.kind");
                } else {
                    // not the Exact copy: that goes through BigDecimal, which has no negative zero
                    copy.copyCurrentStructure(p);
                }
            }
            copy.writeEndObject();
        }
        if (kind == null) {
            throw malformed(p, "measurement.kind", "is required");
        }
        try (JsonParser fields = ReadingJson.FACTORY.createParser(rest.toByteArray())) {
            fields.nextToken();
            return MeasurementReader.readFields(fields, kind);
        }
    }

    private static String missing(DeviceAddress source, Measurement measurement, int seen) {
        if (source == null) {
            return ReadingJson.SOURCE;
        }
        if ((seen & TS) == 0) {
            return ReadingJson.TS;
        }
        if ((seen & RECEIVED_AT) == 0) {
            return ReadingJson.RECEIVED_AT;
        }
        if ((seen & HISTORICAL) == 0) {
            return ReadingJson.HISTORICAL;
        }
        return ReadingJson.MEASUREMENT;
    }
}
