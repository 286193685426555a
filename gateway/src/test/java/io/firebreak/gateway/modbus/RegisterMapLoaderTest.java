package io.firebreak.gateway.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.gateway.GatewayConfigException;
import io.firebreak.telemetry.contract.DeviceKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegisterMapLoaderTest {

    @TempDir
    Path dir;

    @Test
    void shouldLoadEveryBuiltInMap() {
        for (String name : RegisterMapLoader.BUILTIN) {
            RegisterMap map = RegisterMapLoader.load("builtin:" + name, dir, "gateway.yaml", "modbus[0].map");
            assertThat(map.points()).isNotEmpty();
        }
        RegisterMap sunspec = RegisterMapLoader.load("builtin:sunspec-battery", dir, "gateway.yaml", "map");
        assertThat(sunspec.sunspec()).isTrue();
        assertThat(sunspec.kind()).isEqualTo(DeviceKind.BMS);
    }

    @Test
    void shouldNameTheMapFileAndPointWhenATypeIsUnknown() throws IOException {
        Path map = write("name: r\nkind: bms\npoints:\n  cell_v: { address: 0, count: 4, type: int8 }\n");
        assertThatThrownBy(() -> RegisterMapLoader.load(map.toString(), null, "gateway.yaml", "map"))
                .isInstanceOf(GatewayConfigException.class)
                .hasMessage(map + ": points.cell_v.type: must be one of int16, uint16, int32, uint32, float32, was 'int8'");
    }

    @Test
    void shouldRefuseAFieldTheContractDoesNotHaveForTheKind() throws IOException {
        Path map = write("name: r\nkind: env\npoints:\n  cell_v: { address: 0 }\n");
        assertThatThrownBy(() -> RegisterMapLoader.load(map.toString(), null, "gateway.yaml", "map"))
                .hasMessageContaining("points.cell_v: unknown key");
    }

    @Test
    void shouldRefuseAnArrayOfAScalarField() throws IOException {
        Path map = write("name: r\nkind: bms\npoints:\n  soc: { address: 0, count: 2 }\n");
        assertThatThrownBy(() -> RegisterMapLoader.load(map.toString(), null, "gateway.yaml", "map"))
                .hasMessageContaining("points.soc.count: only cell_v and cell_t are arrays");
    }

    @Test
    void shouldRefuseARangeWiderThanTheContract() throws IOException {
        Path map = write("name: r\nkind: bms\npoints:\n  soc: { address: 0, max: 100 }\n");
        assertThatThrownBy(() -> RegisterMapLoader.load(map.toString(), null, "gateway.yaml", "map"))
                .hasMessageContaining("points.soc.max: must stay within what the contract accepts for soc [0.0, 1.0]");
    }

    @Test
    void shouldRefuseASunSpecPointWithoutItsModel() throws IOException {
        Path map = write("name: r\nkind: bms\nsunspec: true\npoints:\n  soc: { address: 11 }\n");
        assertThatThrownBy(() -> RegisterMapLoader.load(map.toString(), null, "gateway.yaml", "map"))
                .hasMessageContaining("points.soc.model: is required in a sunspec map");
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("rack.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
