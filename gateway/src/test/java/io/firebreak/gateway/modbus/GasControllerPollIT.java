package io.firebreak.gateway.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.embedded.FreePorts;
import io.firebreak.gateway.PollFailure;
import io.firebreak.gateway.PollOutcome;
import io.firebreak.gateway.bench.ModbusRackServer;
import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.DeviceKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built-in gas-controller map (input registers, float32 gas channels) against a Modbus server. */
class GasControllerPollIT {

    private static final DeviceAddress HEAD_1 = DeviceAddress.of("pangyo-a", "B3-battery", DeviceKind.ENV, "asd-b3-1");
    private static final DeviceAddress HEAD_2 = DeviceAddress.of("pangyo-a", "B3-battery", DeviceKind.ENV, "asd-b3-2");

    @Test
    void shouldReadEveryGasChannelOfEveryHeadAndFailOnlyTheHeadOutOfRange() {
        try (ModbusRackServer server = ModbusRackServer.start(FreePorts.find())) {
            // Given two off-gas heads, the second reporting a smoke level no detector can show
            server.input(1, 0, head(40.0f, 1.5f, 12.25f, 3, 231, 415));
            server.input(1, 16, head(0.0f, 0.0f, 0.0f, 60_000, 231, 415));
            ModbusDevice device = new ModbusDevice("gas-b3", "127.0.0.1", server.port(),
                    RegisterMapLoader.load("builtin:gas-controller", null, "gateway.yaml", "map"),
                    List.of(new ModbusDevice.Block(HEAD_1, 1, 0), new ModbusDevice.Block(HEAD_2, 1, 16)),
                    Duration.ofSeconds(1), Duration.ofMillis(500));

            // When the gateway polls the controller
            try (ModbusPoller poller = new ModbusPoller(device)) {
                List<PollOutcome> outcomes = poller.poll();

                // Then the first head's channels are the contract's env fields; the second is a named failure
                assertThat(outcomes.get(0).fields()).containsExactlyInAnyOrderEntriesOf(Map.of(
                        "h2_ppm", 40.0, "co_ppm", 1.5, "voc_ppm", 12.25, "smoke_pct_m", 0.003, "air_t", 23.1, "rh", 41.5));
                PollFailure failure = outcomes.get(1).failure();
                assertThat(failure.reason()).isEqualTo(PollFailure.Reason.OUT_OF_RANGE);
                assertThat(failure.detail()).startsWith("smoke_pct_m = 60.0 is outside [0.0, 50.0]");
            }
        }
    }

    private static int[] head(float h2, float co, float voc, int smoke, int airT, int rh) {
        int[] regs = new int[9];
        float[] gases = {h2, co, voc};
        for (int g = 0; g < 3; g++) {
            int bits = Float.floatToIntBits(gases[g]);
            regs[2 * g] = bits >>> 16;
            regs[2 * g + 1] = bits & 0xFFFF;
        }
        regs[6] = smoke;
        regs[7] = airT;
        regs[8] = rh;
        return regs;
    }
}
