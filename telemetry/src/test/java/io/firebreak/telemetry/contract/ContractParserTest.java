package io.firebreak.telemetry.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ContractParserTest {

    private static final long RECEIVED = 1_700_000_000_000L;
    private final ContractParser parser = new ContractParser(TopicLayout.defaults());

    private ParseOutcome parse(String topic, String json) {
        return parser.parse(topic, json.getBytes(StandardCharsets.UTF_8), RECEIVED);
    }

    @Test
    void shouldParseTheContractBmsExample() {
        ParseOutcome outcome = parse("dc/pangyo-a/B3-battery/bms/3E-1/M01", """
                {"ts": 1665814745000, "seq": 8812, "cell_v": [3.312, 3.311, 3.309], "cell_t": [24.1, 24.3],
                 "current_a": -12.5, "soc": 0.97}""");

        assertThat(outcome.deadLetters()).isEmpty();
        Reading reading = outcome.reading().orElseThrow();
        assertThat(reading.source()).isEqualTo(DeviceAddress.bms("pangyo-a", "B3-battery", "3E-1", "M01"));
        assertThat(reading.ts()).isEqualTo(1665814745000L);
        assertThat(reading.seq()).isEqualTo(8812L);
        assertThat(reading.receivedAt()).isEqualTo(RECEIVED);
        assertThat(reading.measurement()).isEqualTo(new BmsSample(
                Arrays.asList(3.312, 3.311, 3.309), Arrays.asList(24.1, 24.3), -12.5, 0.97));
    }

    @Test
    void shouldAcceptRfc3339TimestampsWithOffset() {
        ParseOutcome outcome = parse("dc/s/r/env/asd-1", """
                {"ts": "2022-10-15T15:19:05.250+09:00", "smoke_pct_m": 0.003}""");

        assertThat(outcome.reading().orElseThrow().ts()).isEqualTo(1665814745250L);
    }

    @Test
    void shouldParseEveryMessageKindOfTheContract() {
        assertThat(parse("dc/s/r/env/a", "{\"ts\":1,\"air_t\":23.4,\"rh\":41.0,\"h2_ppm\":0.0,\"co_ppm\":1.2,\"voc_ppm\":0.0,\"smoke_pct_m\":0.003}")
                .reading().orElseThrow().measurement()).isEqualTo(new EnvSample(23.4, 41.0, 0.0, 1.2, 0.0, 0.003));
        assertThat(parse("dc/s/r/power/ups", "{\"ts\":1,\"on_battery\":false,\"input_v\":380.2,\"output_kw\":412.0,\"output_on\":true,\"battery_breaker_closed\":true}")
                .reading().orElseThrow().measurement()).isEqualTo(new PowerSample(false, 380.2, 412.0, true, true));
        assertThat(parse("dc/s/r/fire/fp", "{\"ts\":1,\"seq\":3,\"zone\":\"B3-UPS\",\"event\":\"suppression_released\"}")
                .reading().orElseThrow().measurement()).isEqualTo(new FireEvent("B3-UPS", FireEventType.SUPPRESSION_RELEASED));
        assertThat(parse("dc/s/r/gateway/gw", "{\"ts\":1,\"online\":false}")
                .reading().orElseThrow().measurement()).isEqualTo(new GatewayStatus(false));
    }

    @Test
    void shouldIgnoreUnknownFields() {
        ParseOutcome outcome = parse("dc/s/r/env/a", "{\"ts\":1,\"air_t\":20,\"firmware\":\"2.1\",\"extra\":{\"x\":[1]}}");

        assertThat(outcome.deadLetters()).isEmpty();
        assertThat(outcome.reading()).isPresent();
    }

    @Test
    void shouldDeadLetterWholeMessageWhenNotJson() {
        ParseOutcome outcome = parse("dc/s/r/env/a", "{\"ts\": 1, \"air_t\": ");

        assertThat(outcome.reading()).isEmpty();
        DeadLetter letter = outcome.deadLetters().get(0);
        assertThat(letter.wholeMessage()).isTrue();
        assertThat(letter.reason()).startsWith("payload is not JSON");
        assertThat(letter.originalTopic()).isEqualTo("dc/s/r/env/a");
        assertThat(new String(letter.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"ts\": 1, \"air_t\": ");
        assertThat(letter.receivedAt()).isEqualTo(RECEIVED);
    }

    @Test
    void shouldDeadLetterInvalidUtf8() {
        ParseOutcome outcome = parser.parse("dc/s/r/env/a", new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}, RECEIVED);

        assertThat(outcome.deadLetters()).singleElement().extracting(DeadLetter::reason).isEqualTo("payload is not valid UTF-8");
    }

    @Test
    void shouldDeadLetterNonObjectsMissingTsAndBadTs() {
        assertThat(parse("dc/s/r/env/a", "[1,2]").deadLetters().get(0).reason()).isEqualTo("payload is JSON but not an object");
        assertThat(parse("dc/s/r/env/a", "{\"air_t\":1}").deadLetters().get(0).reason()).isEqualTo("ts is missing");
        assertThat(parse("dc/s/r/env/a", "{\"ts\":\"yesterday\",\"air_t\":1}").deadLetters().get(0).reason())
                .startsWith("ts is not an RFC 3339 time");
        assertThat(parse("dc/s/r/env/a", "{\"ts\":\"2022-10-15T15:19:05\",\"air_t\":1}").reading())
                .as("a time without an offset is ambiguous").isEmpty();
        assertThat(parse("dc/s/r/env/a", "{\"ts\":-5,\"air_t\":1}").reading()).isEmpty();
    }

    @Test
    void shouldDeadLetterTopicsOutsideTheLayout() {
        assertThat(parse("other/s/r/env/a", "{\"ts\":1,\"air_t\":1}").deadLetters().get(0).reason()).contains("expected prefix 'dc/'");
        assertThat(parse("dc/s/r/bms/rack-only", "{\"ts\":1,\"cell_v\":[3.3]}").deadLetters().get(0).reason()).contains("has 5 levels");
        assertThat(parse("dc/s/r/lights/a", "{\"ts\":1}").deadLetters().get(0).reason()).contains("unknown kind 'lights'");
        assertThat(parse("dc/s/r o o m/env/a", "{\"ts\":1,\"air_t\":1}").deadLetters().get(0).reason()).contains("room");
    }

    @Test
    void shouldKeepTheRestOfTheMessageWhenOneValueIsBad() {
        ParseOutcome outcome = parse("dc/s/r/bms/R1/M1", """
                {"ts": 1, "cell_v": [3.3, "high", 3.2], "cell_t": [24.0, 9999.0], "current_a": -3, "soc": 1.7}""");

        BmsSample sample = (BmsSample) outcome.reading().orElseThrow().measurement();
        assertThat(sample.cellV()).containsExactly(3.3, null, 3.2);
        assertThat(sample.cellT()).containsExactly(24.0, null);
        assertThat(sample.currentA()).isEqualTo(-3.0);
        assertThat(sample.soc()).isNull();
        DeadLetter letter = outcome.deadLetters().get(0);
        assertThat(outcome.deadLetters()).hasSize(1);
        assertThat(letter.fields()).containsExactly("cell_v[1]", "cell_t[1]", "soc");
        assertThat(letter.reason()).startsWith("cell_v[1]: expected a number, was string \"high\"; cell_t[1]: ").endsWith("values left out");
    }

    @Test
    void shouldRejectBadSeqButKeepTheReading() {
        ParseOutcome outcome = parse("dc/s/r/env/a", "{\"ts\":1,\"seq\":-2,\"air_t\":20}");

        assertThat(outcome.reading().orElseThrow().seq()).isNull();
        assertThat(outcome.deadLetters()).extracting(DeadLetter::field).containsExactly("seq");
    }

    @Test
    void shouldRejectAMessageWhoseOnlyValuesAreBad() {
        ParseOutcome outcome = parse("dc/s/r/env/a", "{\"ts\":1,\"smoke_pct_m\":\"lots\"}");

        assertThat(outcome.reading()).isEmpty();
        assertThat(outcome.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.wholeMessage()).isTrue();
            assertThat(letter.reason()).contains("smoke_pct_m");
        });
    }

    @Test
    void shouldRejectUnknownFireEvents() {
        ParseOutcome outcome = parse("dc/s/r/fire/fp", "{\"ts\":1,\"event\":\"panic\"}");

        assertThat(outcome.reading()).isEmpty();
        assertThat(outcome.deadLetters().get(0).reason()).contains("pre_alarm, alarm, suppression_released, fault, reset");
    }

    @Test
    void shouldRejectOversizedAndDeeplyNestedPayloads() {
        String big = "{\"ts\":1,\"pad\":\"" + "x".repeat(ContractParser.MAX_PAYLOAD_BYTES) + "\"}";
        assertThat(parse("dc/s/r/env/a", big).deadLetters().get(0).reason()).contains("exceeds the 64 KiB limit");
        String deep = "{\"ts\":1,\"air_t\":1,\"x\":" + "[".repeat(500) + "]".repeat(500) + "}";
        assertThat(parse("dc/s/r/env/a", deep).reading()).isEmpty();
    }

    @Test
    void shouldHonourAConfiguredPrefix() {
        ContractParser custom = new ContractParser(new TopicLayout("acme/dc"));

        ParseOutcome outcome = custom.parse("acme/dc/s/r/env/a", "{\"ts\":1,\"air_t\":1}".getBytes(StandardCharsets.UTF_8), 0);

        assertThat(outcome.reading().orElseThrow().source()).isEqualTo(DeviceAddress.of("s", "r", DeviceKind.ENV, "a"));
    }

    @Test
    void shouldRefuseATimestampFurtherAheadOfTheTimeReceivedThanTheClockSkew() {
        long nineHoursAhead = RECEIVED + 9 * 3_600_000L;
        ParseOutcome outcome = new ContractParser(TopicLayout.defaults(), ContractParser.DEFAULT_CLOCK_SKEW).parse("dc/s/r/bms/R1/M01",
                ("{\"ts\":" + nineHoursAhead + ",\"seq\":1,\"cell_t\":[25.0]}").getBytes(StandardCharsets.UTF_8), RECEIVED);

        assertThat(outcome.reading()).as("a clock 9 h ahead (local time sent as UTC) stamps no evidence").isEmpty();
        assertThat(outcome.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.reason()).startsWith(ContractParser.CLOCK_SKEW + ": ts ").contains("32400 s ahead");
            assertThat(letter.originalTopic()).isEqualTo("dc/s/r/bms/R1/M01");
        });
    }

    @Test
    void shouldAcceptAnyTimestampWithoutAClockSkew() {
        ParseOutcome outcome = parse("dc/s/r/env/a", "{\"ts\":" + (RECEIVED + 9 * 3_600_000L) + ",\"air_t\":20}");

        assertThat(outcome.reading()).as("replay: a simulation published fast runs ahead of the wall clock").isPresent();
    }

    @Test
    void shouldAcceptATimestampWithinTheClockSkew() {
        ParseOutcome outcome = new ContractParser(TopicLayout.defaults(), java.time.Duration.ofMinutes(10))
                .parse("dc/s/r/env/a", ("{\"ts\":" + (RECEIVED + 9 * 60_000L) + ",\"air_t\":20}").getBytes(StandardCharsets.UTF_8), RECEIVED);

        assertThat(outcome.reading()).isPresent();
    }

    @Test
    void shouldWriteOneDeadLetterListingTheFirstFieldsWhenAHugeArrayIsAllBad() {
        String cells = String.join(",", java.util.Collections.nCopies(500, "\"x\""));
        ParseOutcome outcome = parse("dc/s/r/bms/R1/M1", "{\"ts\": 1, \"cell_v\": [" + cells + "], \"cell_t\": [25.0]}");

        assertThat(outcome.reading()).isPresent();
        assertThat(outcome.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.field()).startsWith("cell_v[0], cell_v[1], ").endsWith("+480 more");
            assertThat(letter.reason()).endsWith("and 480 more; values left out").hasSizeLessThan(4000);
        });
    }
}
