package io.firebreak.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageEncoderTest {

    @Test
    void shouldWriteQuantisedValuesExactlyAsDoubleToStringDoes() {
        for (int scale : new int[] {10, 1000}) {
            for (long units = -2_000_000; units <= 2_000_000; units += 7) {
                String expected = Double.toString(units / (double) scale);

                assertThat(MessageEncoder.appendFixed(new StringBuilder(), units, scale).toString()).isEqualTo(expected);
            }
        }
    }
}
