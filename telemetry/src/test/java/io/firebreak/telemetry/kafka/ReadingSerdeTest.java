package io.firebreak.telemetry.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.telemetry.contract.BmsSample;
import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.DeviceKind;
import io.firebreak.telemetry.contract.EnvSample;
import io.firebreak.telemetry.contract.Reading;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The streaming serde of readings against the databind serde it replaces: the same bytes out, and each
 * reads what the other writes, over many random readings of every kind.
 */
class ReadingSerdeTest {

    private static final String TOPIC = Topics.READINGS.name();
    private static final int READINGS_PER_KIND = 1_000;

    private final Serde<Reading> codec = new ReadingSerde();
    private final Serde<Reading> databind = new JsonSerde<>(Reading.class);

    @ParameterizedTest
    @EnumSource(DeviceKind.class)
    void shouldReadBackEveryReadingItWrites(DeviceKind kind) {
        RandomReadings readings = new RandomReadings(kind.ordinal());
        for (int i = 0; i < READINGS_PER_KIND; i++) {
            Reading reading = readings.next(kind);

            Reading back = codec.deserializer().deserialize(TOPIC, codec.serializer().serialize(TOPIC, reading));

            assertThat(back).as("reading %d of %s", i, kind).isEqualTo(reading);
        }
    }

    @ParameterizedTest
    @EnumSource(DeviceKind.class)
    void shouldWriteTheSameBytesAsDatabind(DeviceKind kind) {
        RandomReadings readings = new RandomReadings(100 + kind.ordinal());
        for (int i = 0; i < READINGS_PER_KIND; i++) {
            Reading reading = readings.next(kind);

            String ours = text(codec.serializer().serialize(TOPIC, reading));
            String theirs = text(databind.serializer().serialize(TOPIC, reading));

            assertThat(ours).as("reading %d of %s", i, kind).isEqualTo(theirs);
        }
    }

    @ParameterizedTest
    @EnumSource(DeviceKind.class)
    void shouldReadWhatDatabindWritesAndBeReadByIt(DeviceKind kind) {
        RandomReadings readings = new RandomReadings(200 + kind.ordinal());
        for (int i = 0; i < READINGS_PER_KIND; i++) {
            Reading reading = readings.next(kind);

            Reading readByUs = codec.deserializer().deserialize(TOPIC, databind.serializer().serialize(TOPIC, reading));
            Reading readByDatabind = databind.deserializer().deserialize(TOPIC, codec.serializer().serialize(TOPIC, reading));

            assertThat(readByUs).as("reading %d of %s read by the codec", i, kind).isEqualTo(reading);
            assertThat(readByDatabind).as("reading %d of %s read by databind", i, kind).isEqualTo(reading);
        }
    }

    @Test
    void shouldReadShuffledFieldsAndSkipUnknownOnesAsDatabindDoes() {
        RandomReadings readings = new RandomReadings(300);
        JsonVariants variants = new JsonVariants(301);
        for (int i = 0; i < 2 * READINGS_PER_KIND; i++) {
            Reading reading = readings.next();
            byte[] variant = variants.of(databind.serializer().serialize(TOPIC, reading));

            Reading readByDatabind = databind.deserializer().deserialize(TOPIC, variant);
            Reading readByUs = codec.deserializer().deserialize(TOPIC, variant);

            assertThat(readByDatabind).as("variant %d, %s", i, text(variant)).isEqualTo(reading);
            assertThat(readByUs).as("variant %d, %s", i, text(variant)).isEqualTo(reading);
        }
    }

    @Test
    void shouldKeepNullsInCellListsAndLeaveAbsentFieldsOut() {
        Reading reading = new Reading(DeviceAddress.bms("s", "r", "R1", "M1"), 5, null, 9, false,
                new BmsSample(Arrays.asList(3.3, null, 3.31), Arrays.asList(null, null), null, 0.5));

        byte[] bytes = codec.serializer().serialize(TOPIC, reading);

        assertThat(text(bytes)).isEqualTo("{\"source\":{\"site\":\"s\",\"room\":\"r\",\"kind\":\"BMS\",\"rack\":\"R1\",\"device\":\"M1\"},"
                + "\"ts\":5,\"received_at\":9,\"historical\":false,"
                + "\"measurement\":{\"kind\":\"bms\",\"cell_v\":[3.3,null,3.31],\"cell_t\":[null,null],\"soc\":0.5}}");
        assertThat(codec.deserializer().deserialize(TOPIC, bytes)).isEqualTo(reading);
    }

    @Test
    void shouldReadExplicitNullsOfOptionalFieldsAsAbsent() {
        String json = "{\"source\":{\"site\":\"s\",\"room\":\"r\",\"kind\":\"BMS\",\"rack\":\"R1\",\"device\":\"M1\"},"
                + "\"ts\":5,\"seq\":null,\"received_at\":9,\"historical\":true,"
                + "\"measurement\":{\"kind\":\"bms\",\"cell_v\":null,\"cell_t\":[1],\"current_a\":null,\"soc\":null}}";

        Reading reading = codec.deserializer().deserialize(TOPIC, bytes(json));

        assertThat(reading).isEqualTo(new Reading(DeviceAddress.bms("s", "r", "R1", "M1"), 5, null, 9, true,
                new BmsSample(List.of(), List.of(1.0), null, null)));
        assertThat(reading).isEqualTo(databind.deserializer().deserialize(TOPIC, bytes(json)));
    }

    @Test
    void shouldWriteAndReadNonFiniteNumbersAsDatabindDoes() {
        Reading reading = new Reading(DeviceAddress.of("s", "r", DeviceKind.ENV, "e1"), 5, 1L, 9, false,
                new EnvSample(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, null, null));

        byte[] ours = codec.serializer().serialize(TOPIC, reading);

        assertThat(text(ours)).isEqualTo(text(databind.serializer().serialize(TOPIC, reading)));
        assertThat(codec.deserializer().deserialize(TOPIC, ours)).isEqualTo(reading);
        assertThat(databind.deserializer().deserialize(TOPIC, ours)).isEqualTo(reading);
    }

    @Test
    void shouldReadAConsumersBufferWhereItLies() {
        Reading reading = new RandomReadings(400).next(DeviceKind.BMS);
        byte[] value = codec.serializer().serialize(TOPIC, reading);
        byte[] fetched = new byte[value.length + 20];
        System.arraycopy(value, 0, fetched, 7, value.length);
        ByteBuffer heap = ByteBuffer.wrap(fetched, 7, value.length).slice();
        ByteBuffer direct = ByteBuffer.allocateDirect(value.length).put(value).flip();

        assertThat(codec.deserializer().deserialize(TOPIC, new RecordHeaders(), heap)).isEqualTo(reading);
        assertThat(heap.remaining()).isEqualTo(value.length);
        assertThat(codec.deserializer().deserialize(TOPIC, new RecordHeaders(), direct)).isEqualTo(reading);
    }

    @Test
    void shouldPassTombstonesThrough() {
        assertThat(codec.serializer().serialize(TOPIC, null)).isNull();
        assertThat(codec.deserializer().deserialize(TOPIC, (byte[]) null)).isNull();
        assertThat(codec.deserializer().deserialize(TOPIC, new RecordHeaders(), (ByteBuffer) null)).isNull();
        assertThat(codec.deserializer().deserialize(TOPIC, bytes("null"))).isNull();
    }

    @Test
    void shouldBeTheSerdeOfTheReadingsTopic() {
        Reading reading = RandomReadings.typicalBms();

        byte[] bytes = Topics.READINGS.valueSerde().serializer().serialize(TOPIC, reading);

        assertThat(Topics.READINGS.valueSerde()).isInstanceOf(ReadingSerde.class);
        JsonNode tree = readTree(bytes);
        assertThat(tree.path("measurement").path("kind").asText()).isEqualTo("bms");
        assertThat(tree.path("measurement").path("cell_v")).hasSize(14);
    }

    private static JsonNode readTree(byte[] bytes) {
        try {
            return Json.mapper().readTree(bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
