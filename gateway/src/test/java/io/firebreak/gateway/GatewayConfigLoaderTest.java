package io.firebreak.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.gateway.modbus.ModbusDevice;
import io.firebreak.gateway.snmp.SnmpDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigLoaderTest {

    @TempDir
    Path dir;

    private static final String HEAD = String.join("\n",
            "site: pangyo-a",
            "room: B3-battery",
            "gateway: gw-b3",
            "mqtt:",
            "  server_uri: tcp://127.0.0.1:1883",
            "");

    @Test
    void shouldReadRacksAndUpsesWithTheirDefaultsWhenTheFileIsValid() throws IOException {
        GatewayConfig config = load(HEAD + String.join("\n",
                "modbus:",
                "  - host: 10.0.0.5",
                "    map: builtin:generic-rack",
                "    rack: 3E-1",
                "    modules: 8",
                "  - host: 10.0.0.6",
                "    map: builtin:generic-rack",
                "    rack: 3E-2",
                "    modules: 2",
                "    unit_id: 7",
                "    block_stride: 64",
                "snmp:",
                "  - host: 10.0.0.9",
                "    device: ups-b3-a",
                ""), Map.of());

        ModbusDevice rack = config.modbus().get(0);
        assertThat(rack.name()).isEqualTo("3E-1");
        assertThat(rack.period()).isEqualTo(Duration.ofSeconds(1));
        assertThat(rack.port()).isEqualTo(502);
        assertThat(rack.blocks()).hasSize(8);
        assertThat(rack.blocks().get(7).unitId()).isEqualTo(8);
        assertThat(rack.blocks().get(7).source().device()).isEqualTo("M08");
        ModbusDevice strided = config.modbus().get(1);
        assertThat(strided.blocks().get(1).unitId()).isEqualTo(7);
        assertThat(strided.blocks().get(1).base()).isEqualTo(64);
        SnmpDevice ups = config.snmp().get(0);
        assertThat(ups.period()).isEqualTo(Duration.ofSeconds(5));
        assertThat(ups.version()).isEqualTo(SnmpDevice.Version.V2C);
        assertThat(ups.community()).isEqualTo("public");
        assertThat(config.faultAfter()).isEqualTo(3);
    }

    @Test
    void shouldLoadTheExampleOfTheDocs() {
        Map<String, String> env = Map.of("UPS_COMMUNITY", "example", "UPS_AUTH_PASSPHRASE", "auth-example", "UPS_PRIV_PASSPHRASE", "priv-example");
        GatewayConfig config = new GatewayConfigLoader(env::get).load(Path.of("examples/gateway.yaml"));
        assertThat(config.modbus()).hasSize(5);
        assertThat(config.modbus().get(3).map().name()).isEqualTo("sunspec-battery");
        assertThat(config.modbus().get(4).blocks()).extracting(b -> b.source().device()).containsExactly("asd-b3-1", "asd-b3-2");
        assertThat(config.snmp()).extracting(SnmpDevice::version).containsExactly(SnmpDevice.Version.V2C, SnmpDevice.Version.V3);
        assertThat(config.traps().port()).isEqualTo(162);
    }

    @Test
    void shouldNameTheFileAndTheKeyWhenAPortIsOutOfRange() {
        assertThatThrownBy(() -> load(HEAD + "modbus:\n  - host: h\n    port: 0\n    map: builtin:generic-rack\n    rack: R1\n", Map.of()))
                .isInstanceOf(GatewayConfigException.class)
                .hasMessage(dir.resolve("gateway.yaml") + ": modbus[0].port: must be between 1 and 65535, was 0");
    }

    @Test
    void shouldRefuseAnUnknownKey() {
        assertThatThrownBy(() -> load(HEAD + "modbus:\n  - host: h\n    map: builtin:generic-rack\n    rack: R1\n    perod: 1s\n", Map.of()))
                .hasMessageContaining("gateway.yaml: modbus[0].perod: unknown key");
    }

    @Test
    void shouldRefuseAMissingRegisterMapFile() {
        assertThatThrownBy(() -> load(HEAD + "modbus:\n  - host: h\n    map: racks.yaml\n    rack: R1\n", Map.of()))
                .hasMessageContaining("gateway.yaml: modbus[0].map: register map")
                .hasMessageContaining("racks.yaml does not exist");
    }

    @Test
    void shouldRefuseAnSnmpV3PassphraseWhoseVariableIsNotSet() {
        String yaml = HEAD + String.join("\n",
                "snmp:",
                "  - host: h",
                "    device: ups-1",
                "    version: v3",
                "    v3:",
                "      user: fb",
                "      auth_passphrase_env: UPS_AUTH",
                "      priv_passphrase_env: UPS_PRIV",
                "");
        assertThatThrownBy(() -> load(yaml, Map.of("UPS_AUTH", "long-enough")))
                .hasMessageEndingWith("gateway.yaml: snmp[0].v3.priv_passphrase_env: environment variable UPS_PRIV is not set");
    }

    @Test
    void shouldRefuseAGatewayWithoutDevices() {
        assertThatThrownBy(() -> load(HEAD, Map.of())).hasMessageContaining("modbus: the gateway has no devices");
    }

    @Test
    void shouldRefuseADurationThatIsNotOne() {
        assertThatThrownBy(() -> load(HEAD + "snmp:\n  - host: h\n    device: u\n    period: often\n", Map.of()))
                .hasMessageContaining("snmp[0].period: not a duration");
    }

    private GatewayConfig load(String yaml, Map<String, String> env) throws IOException {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, yaml);
        return new GatewayConfigLoader(env::get).load(file);
    }
}
