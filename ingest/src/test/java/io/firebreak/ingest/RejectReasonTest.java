package io.firebreak.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.telemetry.contract.ContractParser;
import io.firebreak.telemetry.contract.DeadLetter;
import io.firebreak.telemetry.contract.TopicLayout;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RejectReasonTest {

    private final ContractParser parser = new ContractParser(TopicLayout.defaults());

    private List<RejectReason> classify(String topic, byte[] payload) {
        return parser.parse(topic, payload, 1L).deadLetters().stream().map(RejectReason::of).toList();
    }

    private List<RejectReason> classify(String topic, String payload) {
        return classify(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldClassifyEveryWholeMessageRejectionOfTheParserWhenPayloadsBreakTheContract() {
        // Given / When / Then
        assertThat(classify("dc/s/r/env/e", "")).containsExactly(RejectReason.EMPTY);
        assertThat(classify("dc/s/r/env/e", new byte[70_000])).containsExactly(RejectReason.OVERSIZED);
        assertThat(classify("dc/s/r/env/e", new byte[] {(byte) 0xc3, 0x28})).containsExactly(RejectReason.NOT_UTF8);
        assertThat(classify("dc/s/r/env/e", "{\"ts\":")).containsExactly(RejectReason.NOT_JSON);
        assertThat(classify("dc/s/r/env/e", "[1,2]")).containsExactly(RejectReason.NOT_OBJECT);
        assertThat(classify("dc/s/r/env/e", "{\"ts\":\"yesterday\",\"rh\":1}")).containsExactly(RejectReason.BAD_TS);
        assertThat(classify("dc/s/r/kitchen/e", "{\"ts\":1}")).containsExactly(RejectReason.BAD_TOPIC);
        assertThat(classify("dc/s/r/env/e", "{\"ts\":1}")).containsExactly(RejectReason.NO_VALUES);
        assertThat(classify("dc/s/r/fire/p", "{\"ts\":1,\"zone\":\"z\",\"event\":\"party\"}")).containsExactly(RejectReason.BAD_EVENT);
        assertThat(classify("dc/s/r/gateway/g", "{\"ts\":1,\"online\":\"yes\"}")).containsExactly(RejectReason.BAD_STATUS);
    }

    @Test
    void shouldClassifyValueRejectionsAsBadValueOrBadSeqWhenTheRestOfTheMessageIsKept() {
        // Given / When
        List<RejectReason> reasons = classify("dc/s/r/env/e", "{\"ts\":1,\"seq\":-1,\"rh\":\"wet\",\"air_t\":20}");

        // Then
        assertThat(reasons).containsExactly(RejectReason.BAD_VALUE);
        assertThat(classify("dc/s/r/env/e", "{\"ts\":1,\"seq\":-1,\"air_t\":20}")).containsExactly(RejectReason.BAD_SEQ);
        assertThat(RejectReason.of(new DeadLetter("t", new byte[0], 1, "something new", null))).isEqualTo(RejectReason.OTHER);
    }
}
