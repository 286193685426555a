package io.firebreak.telemetry.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.telemetry.contract.BmsSample;
import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.DeviceKind;
import io.firebreak.telemetry.contract.FireEvent;
import io.firebreak.telemetry.contract.FireEventType;
import io.firebreak.telemetry.contract.Reading;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceAllowListTest {

    private static final String SITE = """
            site: s1
            halls:
              h1: { tenants: [t1] }
            rooms:
              - id: B3
                gateway: gw-b3
                chemistry: nmc
                feeds: [h1]
                racks:
                  - { id: R1, modules: 3, cells_per_module: 4, probes_per_module: 2 }
                  - { id: R2, modules: 2, cells_per_module: 4, probes_per_module: 2, module_pattern: "module-{n}", chemistry: lfp }
                  - { id: R3, modules: 2, cells_per_module: 4, probes_per_module: 2, module_ids: [A, B] }
                env_sensors: [{ id: asd-1, zone: z1 }]
                fire_panels: [{ id: fp-1, zones: [z1] }]
                power_devices: [{ id: ups-1, kind: ups }]
            drain_targets:
              - { id: t1-lb, url: "http://127.0.0.1:1/drain", secret: "whsec_c2VjcmV0", tenants: [t1] }
            pager: { url: "http://127.0.0.1:1/pager", routing_key: fake }
            """;

    private final SiteInventory site = load(SITE);
    private final DeviceAllowList allowList = new DeviceAllowList(site);

    private static SiteInventory load(String yaml) {
        return new InventoryLoader(n -> null).load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "site.yaml");
    }

    @Test
    void shouldAcceptEveryDeviceTheInventoryLists() {
        assertThat(allowList.unknownDevice(DeviceAddress.bms("s1", "B3", "R1", "M03"))).isEmpty();
        assertThat(allowList.unknownDevice(DeviceAddress.bms("s1", "B3", "R2", "module-2"))).isEmpty();
        assertThat(allowList.unknownDevice(DeviceAddress.bms("s1", "B3", "R3", "B"))).isEmpty();
        assertThat(allowList.unknownDevice(DeviceAddress.of("s1", "B3", DeviceKind.ENV, "asd-1"))).isEmpty();
        assertThat(allowList.unknownDevice(DeviceAddress.of("s1", "B3", DeviceKind.FIRE, "fp-1"))).isEmpty();
        assertThat(allowList.unknownDevice(DeviceAddress.of("s1", "B3", DeviceKind.POWER, "ups-1"))).isEmpty();
        assertThat(allowList.unknownDevice(DeviceAddress.of("s1", "B3", DeviceKind.GATEWAY, "gw-b3"))).isEmpty();
    }

    @Test
    void shouldRefuseAFirePanelTheInventoryDoesNotList() {
        Reading alarm = new Reading(DeviceAddress.of("s1", "B3", DeviceKind.FIRE, "fp-9"), 1, null, 1, false,
                new FireEvent("z1", FireEventType.ALARM));

        assertThat(allowList.refusal(alarm)).hasValue("unknown_device: B3/fire/fp-9: fire panel 'fp-9' is not in room B3");
    }

    @Test
    void shouldRefuseUnknownSitesRoomsRacksAndModulesNamingEach() {
        assertThat(allowList.unknownDevice(DeviceAddress.bms("s2", "B3", "R1", "M01")).orElseThrow()).contains("site 's2'");
        assertThat(allowList.unknownDevice(DeviceAddress.of("s1", "B9", DeviceKind.ENV, "asd-1")).orElseThrow()).contains("room 'B9'");
        assertThat(allowList.unknownDevice(DeviceAddress.bms("s1", "B3", "R7", "M01")).orElseThrow()).contains("rack 'R7'");
        assertThat(allowList.unknownDevice(DeviceAddress.bms("s1", "B3", "R1", "M04")).orElseThrow())
                .isEqualTo("unknown_device: B3/bms/R1/M04: module 'M04' is not one of rack R1's 3 modules (M01 to M03)");
        assertThat(allowList.unknownDevice(DeviceAddress.bms("s1", "B3", "R2", "M01")).orElseThrow()).contains("module-1 to module-2");
        assertThat(allowList.unknownDevice(DeviceAddress.of("s1", "B3", DeviceKind.GATEWAY, "gw-x")).orElseThrow()).contains("'gw-b3'");
    }

    @Test
    void shouldRefuseMoreCellsOrProbesThanTheInventoryGivesAModule() {
        DeviceAddress module = DeviceAddress.bms("s1", "B3", "R1", "M01");
        Reading fiveCells = new Reading(module, 1, null, 1, false, new BmsSample(List.of(3.3, 3.3, 3.3, 3.3, 3.3), List.of(25.0), null, null));
        Reading threeProbes = new Reading(module, 1, null, 1, false, new BmsSample(List.of(3.3), List.of(25.0, 25.0, 25.0), null, null));
        Reading fits = new Reading(module, 1, null, 1, false, new BmsSample(List.of(3.3, 3.3, 3.3, 3.3), List.of(25.0, 25.0), null, null));

        assertThat(allowList.refusal(fiveCells).orElseThrow()).contains("5 cell voltages").contains("4 cells");
        assertThat(allowList.refusal(threeProbes).orElseThrow()).contains("3 probe temperatures").contains("2 probes");
        assertThat(allowList.refusal(fits)).isEmpty();
    }

    @Test
    void shouldTakeChemistryFromTheRackOrElseItsRoom() {
        Room room = site.room("B3").orElseThrow();

        assertThat(room.rack("R1").orElseThrow().chemistry()).isEqualTo(Chemistry.NMC);
        assertThat(room.rack("R2").orElseThrow().chemistry()).isEqualTo(Chemistry.LFP);
        assertThat(Chemistry.NMC.chargeLimitV()).isEqualTo(4.2);
        assertThatThrownBy(() -> load(SITE.replace("chemistry: nmc", "chemistry: lead-acid")))
                .hasMessageContaining("rooms[0].chemistry: must be one of lfp, nmc, nca, was 'lead-acid'");
    }

    @Test
    void shouldRefuseModuleListsThatDoNotFitTheRack() {
        assertThatThrownBy(() -> load(SITE.replace("module_ids: [A, B]", "module_ids: [A]")))
                .hasMessageContaining("racks[2].module_ids: lists 1 modules, the rack has 2");
        assertThatThrownBy(() -> load(SITE.replace("module_ids: [A, B]", "module_ids: [A, A]")))
                .hasMessageContaining("duplicate module 'A'");
        assertThatThrownBy(() -> load(SITE.replace("\"module-{n}\"", "\"module\"")))
                .hasMessageContaining("racks[1].module_pattern: must contain {n}");
        assertThat(Rack.moduleIdsOf("M{n:02}", 10)).startsWith("M01").endsWith("M10");
    }
}
