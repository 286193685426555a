package io.firebreak.telemetry.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.DeviceKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The codec's memos give what they stand for, on a hit, a miss and a collision alike. */
class ReadingCachesTest {

    @Test
    void shouldGiveDoubleToStringOfEveryValueSeenOnceOrAgain() {
        DoubleTexts texts = new DoubleTexts();
        Random random = new Random(7);
        double[] values = new double[50_000];
        for (int i = 0; i < values.length; i++) {
            // a few thousand millivolt steps, so most values come again and many share a slot
            values[i] = random.nextBoolean() ? random.nextInt(5_000) / 1000.0 : random.nextGaussian() * 1e6;
        }

        for (double value : values) {
            assertThat(texts.of(value).getValue()).isEqualTo(Double.toString(value));
        }
        assertThat(texts.of(-0.0).getValue()).isEqualTo("-0.0");
        assertThat(texts.of(0.0).getValue()).isEqualTo("0.0");
    }

    @Test
    void shouldGiveTheValueOfEveryNumberReadOnceOrAgain() throws IOException {
        NumberValues numbers = new NumberValues();
        Random random = new Random(8);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            texts.add(switch (random.nextInt(4)) {
                case 0 -> Integer.toString(random.nextInt(5_000) - 100);
                case 1 -> Double.toString(random.nextInt(5_000) / 1000.0);
                case 2 -> Double.toString(Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL));
                default -> "-0.0";
            });
        }

        try (JsonParser p = ReadingJson.FACTORY.createParser("[" + String.join(",", texts) + "]")) {
            p.nextToken();
            for (String text : texts) {
                p.nextToken();
                assertThat(numbers.of(p)).as(text).isEqualTo(Double.parseDouble(text));
            }
        }
    }

    @Test
    void shouldGiveTheAddressWithTheFieldsAskedFor() {
        DeviceAddresses addresses = new DeviceAddresses();
        for (int i = 0; i < 40_000; i++) {
            String rack = "R" + (i % 97);
            String module = "M" + (i % 16);

            assertThat(addresses.of("s", "r", DeviceKind.BMS, rack, module)).isEqualTo(DeviceAddress.bms("s", "r", rack, module));
            assertThat(addresses.of("s", "r", DeviceKind.ENV, null, module)).isEqualTo(DeviceAddress.of("s", "r", DeviceKind.ENV, module));
        }
    }

    @Test
    void shouldStillRejectABadAddressAfterSeeingAGoodOne() {
        DeviceAddresses addresses = new DeviceAddresses();
        addresses.of("s", "r", DeviceKind.BMS, "R1", "M1");

        assertThatThrownBy(() -> addresses.of("s", "r", DeviceKind.ENV, "R1", "M1")).hasMessageStartingWith("rack:");
        assertThatThrownBy(() -> addresses.of("s", "r", DeviceKind.BMS, "R 1", "M1")).hasMessageStartingWith("rack:");
    }
}
