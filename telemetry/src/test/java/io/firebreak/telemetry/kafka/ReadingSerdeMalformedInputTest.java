package io.firebreak.telemetry.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.telemetry.contract.BmsSample;
import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.Reading;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a consumer of the readings topic is told when a value is not a reading: the topic, the field, where. */
class ReadingSerdeMalformedInputTest {

    private static final String TOPIC = Topics.READINGS.name();
    private static final String SOURCE = "\"source\":{\"site\":\"s\",\"room\":\"r\",\"kind\":\"BMS\",\"rack\":\"R1\",\"device\":\"M1\"}";
    private static final String TIMES = "\"ts\":5,\"received_at\":9,\"historical\":false";
    private static final String BMS = "\"measurement\":{\"kind\":\"bms\",\"cell_v\":[3.3],\"cell_t\":[]}";
    private static final String VALID = "{" + SOURCE + "," + TIMES + "," + BMS + "}";

    private final Deserializer<Reading> deserializer = new ReadingSerde().deserializer();

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("not JSON", "hello", "Unrecognized token 'hello'"),
                Arguments.of("empty", "", "reading: expected an object, was end of input"),
                Arguments.of("truncated", VALID.substring(0, VALID.length() / 2), "Unexpected end-of-input"),
                Arguments.of("an array", "[" + VALID + "]", "reading: expected an object, was an array"),
                Arguments.of("two readings", VALID + VALID,
                        "reading: unexpected an object after the reading's object"),
                Arguments.of("no source", "{" + TIMES + "," + BMS + "}", "source: is required"),
                Arguments.of("no ts", "{" + SOURCE + ",\"received_at\":9,\"historical\":false," + BMS + "}",
                        "ts: is required"),
                Arguments.of("null received_at", "{" + SOURCE + ",\"ts\":5,\"received_at\":null,\"historical\":false," + BMS + "}",
                        "received_at: is required"),
                Arguments.of("no measurement", "{" + SOURCE + "," + TIMES + "}", "measurement: is required"),
                Arguments.of("ts as text", VALID.replace("\"ts\":5", "\"ts\":\"5\""),
                        "ts: expected an integer, was string \"5\""),
                Arguments.of("ts with a fraction", VALID.replace("\"ts\":5", "\"ts\":5.5"),
                        "ts: expected an integer, was number 5.5"),
                Arguments.of("ts beyond 64 bits", VALID.replace("\"ts\":5", "\"ts\":99999999999999999999"),
                        "ts: expected a 64-bit integer, was number 99999999999999999999"),
                Arguments.of("negative seq", VALID.replace("\"ts\":5", "\"ts\":5,\"seq\":-1"),
                        "reading: seq: must be >= 0, was -1"),
                Arguments.of("historical as text", VALID.replace("\"historical\":false", "\"historical\":\"no\""),
                        "historical: expected true or false, was string \"no\""),
                Arguments.of("source as text", VALID.replace(SOURCE, "\"source\":\"s/r\""),
                        "source: expected an object, was string \"s/r\""),
                Arguments.of("device kind in lower case", VALID.replace("\"BMS\"", "\"bms\""),
                        "source.kind: expected one of BMS, ENV, POWER, FIRE, GATEWAY, was \"bms\""),
                Arguments.of("bad identifier", VALID.replace("\"R1\"", "\"rack 1\""), "source: rack: must match"),
                Arguments.of("bms without rack", VALID.replace(",\"rack\":\"R1\"", ""), "source: rack: must match"),
                Arguments.of("site as number", VALID.replace("\"site\":\"s\"", "\"site\":7"),
                        "source.site: expected a string or null, was number 7"),
                Arguments.of("unknown measurement kind", VALID.replace("\"kind\":\"bms\"", "\"kind\":\"smoke\""),
                        "measurement.kind: expected one of bms, env, power, fire, gateway, was \"smoke\""),
                Arguments.of("measurement without kind", VALID.replace("\"kind\":\"bms\",", ""),
                        "measurement.kind: is required"),
                Arguments.of("text in a cell list", VALID.replace("[3.3]", "[3.3,null,\"x\"]"),
                        "measurement.cell_v[2]: expected a number or null, was string \"x\""),
                Arguments.of("cell list as object", VALID.replace("[3.3]", "{}"),
                        "measurement.cell_v: expected an array of numbers, was an object"),
                Arguments.of("soc as boolean", VALID.replace("[3.3]", "[3.3],\"soc\":true"),
                        "measurement.soc: expected a number or null, was true"),
                Arguments.of("unknown fire event", VALID.replace(BMS, "\"measurement\":{\"kind\":\"fire\",\"event\":\"smoke\"}"),
                        "measurement.event: expected one of pre_alarm, alarm, suppression_released, fault, reset, was \"smoke\""),
                Arguments.of("gateway without online", VALID.replace(BMS, "\"measurement\":{\"kind\":\"gateway\"}"),
                        "measurement.online: is required"),
                Arguments.of("kind last, bad value", VALID.replace(BMS, "\"measurement\":{\"soc\":\"high\",\"kind\":\"bms\"}"),
                        "measurement.soc: expected a number or null, was string \"high\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void shouldNameTheTopicAndTheFieldWhenAValueIsNotAReading(String description, String json, String problem) {
        byte[] value = json.getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, value))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("cannot read Reading from topic " + TOPIC + ": ")
                .hasMessageContaining(problem)
                .hasMessageContaining("(line 1, column ")
                .message().doesNotContain("\n");
    }

    @Test
    void shouldReadTheValidReadingTheMalformedOnesAreMadeFrom() {
        Reading reading = deserializer.deserialize(TOPIC, VALID.getBytes(StandardCharsets.UTF_8));

        assertThat(reading).isEqualTo(new Reading(DeviceAddress.bms("s", "r", "R1", "M1"), 5, null, 9, false,
                new BmsSample(List.of(3.3), List.of(), null, null)));
    }

    @Test
    void shouldNameTheFieldWhenTheKindComesLastAndAFieldIsBad() {
        byte[] value = ("{" + SOURCE + "," + TIMES + ",\"measurement\":{\"cell_v\":[1,[2]],\"kind\":\"bms\"}}")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, value))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("measurement.cell_v[1]: expected a number or null, was an array");
    }
}
