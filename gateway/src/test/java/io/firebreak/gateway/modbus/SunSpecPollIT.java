package io.firebreak.gateway.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.embedded.FreePorts;
import io.firebreak.gateway.PollFailure;
import io.firebreak.gateway.PollOutcome;
import io.firebreak.gateway.bench.ModbusRackServer;
import io.firebreak.telemetry.contract.DeviceAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built-in SunSpec map against a Modbus server holding a SunSpec chain: common, 802, 803, end. */
class SunSpecPollIT {

    private static final DeviceAddress BANK = DeviceAddress.bms("pangyo-a", "B3-battery", "3E-1", "M01");

    @Test
    void shouldFindTheBatteryModelsAndApplyTheirScaleFactors() {
        try (ModbusRackServer server = ModbusRackServer.start(FreePorts.find())) {
            // Given a device whose SunSpec chain holds model 1, then 802 and 803
            serveSunSpecBank(server, 1);
            ModbusDevice device = device(server.port());

            // When the gateway polls it with the built-in map
            try (ModbusPoller poller = new ModbusPoller(device)) {
                List<PollOutcome> outcomes = poller.poll();

                // Then SoC and current are the contract's, scaled by their sunssf, and the aggregates come beside them
                assertThat(outcomes).hasSize(1);
                assertThat(outcomes.get(0).fields()).containsExactlyInAnyOrderEntriesOf(Map.of(
                        "soc", 0.9712, "current_a", -12.5, "bank_v", 760.0, "cell_v_max", 3.342, "cell_v_min", 3.301,
                        "module_t_max", 31.2, "module_t_min", 24.1, "module_t_avg", 26.0));
            }
        }
    }

    @Test
    void shouldNameTheMissingModelWhenTheDeviceHasNo803() {
        try (ModbusRackServer server = ModbusRackServer.start(FreePorts.find())) {
            serveSunSpecBank(server, 1);
            server.holding(1, 40_134, new int[] {0xFFFF, 0});   // the chain ends after 802
            try (ModbusPoller poller = new ModbusPoller(device(server.port()))) {
                PollFailure failure = poller.poll().get(0).failure();
                assertThat(failure.reason()).isEqualTo(PollFailure.Reason.NO_VALUE);
                assertThat(failure.detail()).contains("no SunSpec model 803");
            }
        }
    }

    private static ModbusDevice device(int port) {
        return new ModbusDevice("bank", "127.0.0.1", port, RegisterMapLoader.load("builtin:sunspec-battery", null, "gateway.yaml", "map"),
                List.of(new ModbusDevice.Block(BANK, 1, 0)), Duration.ofSeconds(1), Duration.ofMillis(500));
    }

    static void serveSunSpecBank(ModbusRackServer server, int unit) {
        server.holding(unit, 40_000, new int[] {0x5375, 0x6E53});
        server.holding(unit, 40_002, new int[] {1, 66});
        int[] m802 = new int[64];
        m802[0] = 802;
        m802[1] = 62;
        m802[11] = 9712;
        m802[56] = 0xFFFE;       // SoC_SF -2
        m802[44] = -125 & 0xFFFF;
        m802[61] = 0xFFFF;       // A_SF -1
        m802[34] = 7600;
        m802[59] = 0xFFFF;       // V_SF -1
        m802[37] = 3342;
        m802[40] = 3301;
        m802[60] = 0xFFFD;       // CellV_SF -3
        server.holding(unit, 40_070, m802);
        int[] m803 = new int[28];
        m803[0] = 803;
        m803[1] = 26;
        m803[4] = 312;
        m803[7] = 241;
        m803[10] = 260;
        m803[23] = 0xFFFF;       // ModTmp_SF -1
        server.holding(unit, 40_134, m803);
        server.holding(unit, 40_162, new int[] {0xFFFF, 0});
    }
}
