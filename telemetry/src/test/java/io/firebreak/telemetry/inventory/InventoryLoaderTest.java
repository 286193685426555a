package io.firebreak.telemetry.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryLoaderTest {

    private static final String MINIMAL = """
            site: s1
            halls:
              h1: { tenants: [t1] }
            rooms:
              - id: B3
                feeds: [h1]
                racks:
                  - { id: R1, modules: 2, cells_per_module: 14, probes_per_module: 4 }
            drain_targets:
              - { id: t1-lb, url: "http://127.0.0.1:1/drain", secret_env: WHSEC, tenants: [t1] }
            pager:
              url: http://127.0.0.1:1/pager
              routing_key_env: PD_KEY
            """;

    private final InventoryLoader loader = new InventoryLoader(
            Map.of("WHSEC", "whsec_c2VjcmV0", "PD_KEY", "pd-key")::get);

    private SiteInventory load(String yaml) {
        return loader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "site.yaml");
    }

    @Test
    void shouldLoadTheShippedPangyoExample() {
        SiteInventory site = new InventoryLoader(name -> null).loadResource("/inventory/pangyo.yaml");

        assertThat(site.site()).isEqualTo("pangyo-a");
        assertThat(site.hallsFedBy("B3-battery")).containsExactly("hall-1", "hall-2");
        assertThat(site.tenantsIn(site.hallsFedBy("B3-battery"))).containsExactly("kakao", "naver");
        assertThat(site.tenantsIn(site.hallsFedBy("B2-battery"))).containsExactly("naver");
        assertThat(site.room("B3-battery").orElseThrow().racks()).hasSize(8);
        assertThat(site.cells()).isEqualTo(12 * 8 * 14);
        assertThat(site.targetsFor(List.of("hall-3"), List.of("naver"))).extracting(DrainTarget::id).containsExactly("naver-traffic");
    }

    @Test
    void shouldResolveSecretsFromTheEnvironmentAndNeverPrintThem() {
        SiteInventory site = load(MINIMAL);

        Secret secret = site.drainTargets().get(0).secret();
        assertThat(secret.reveal()).isEqualTo("whsec_c2VjcmV0");
        assertThat(secret.toString()).doesNotContain("c2VjcmV0").contains("env WHSEC");
        assertThat(site.drainTargets().get(0).toString()).doesNotContain("c2VjcmV0");
    }

    @Test
    void shouldSpreadProbesEvenlyOverCells() {
        Rack rack = load(MINIMAL).rooms().get(0).racks().get(0);

        assertThat(rack.firstCellOfProbe(0)).isZero();
        assertThat(rack.endCellOfProbe(3)).isEqualTo(14);
        assertThat(rack.probeOfCell(0)).isZero();
        assertThat(rack.probeOfCell(13)).isEqualTo(3);
        assertThat(Rack.moduleId(0)).isEqualTo("M01");
    }

    @Test
    void shouldNameFileKeyAndProblemForABadValue() {
        assertThatThrownBy(() -> load(MINIMAL.replace("cells_per_module: 14", "cells_per_module: 0")))
                .isInstanceOf(InventoryException.class)
                .hasMessage("site.yaml: rooms[0].racks[0].cells_per_module: must be between 1 and 1024, was 0");
    }

    @Test
    void shouldRejectUnknownHallsInThePowerMap() {
        assertThatThrownBy(() -> load(MINIMAL.replace("feeds: [h1]", "feeds: [h1, h9]")))
                .hasMessage("site.yaml: rooms[0].feeds[1]: unknown hall 'h9' (declare it under halls)");
    }

    @Test
    void shouldRejectMisspelledKeys() {
        assertThatThrownBy(() -> load(MINIMAL.replace("feeds:", "feed:")))
                .hasMessageStartingWith("site.yaml: rooms[0].feed: Unrecognized field \"feed\"");
    }

    @Test
    void shouldRejectAMissingSecretVariable() {
        assertThatThrownBy(() -> new InventoryLoader(name -> null).load(
                new ByteArrayInputStream(MINIMAL.getBytes(StandardCharsets.UTF_8)), "site.yaml"))
                .hasMessage("site.yaml: drain_targets[0].secret_env: environment variable WHSEC is not set");
    }

    @Test
    void shouldRejectASecretThatIsNotAStandardWebhooksKey() {
        assertThatThrownBy(() -> load(MINIMAL.replace("secret_env: WHSEC", "secret: plain")))
                .hasMessage("site.yaml: drain_targets[0].secret: a Standard Webhooks secret starts with whsec_");
    }

    @Test
    void shouldRejectBadIdentifiersAndMissingKeys() {
        assertThatThrownBy(() -> load(MINIMAL.replace("id: B3", "id: \"B 3\"")))
                .hasMessage("site.yaml: rooms[0].id: must match [A-Za-z0-9_.-]{1,64}, was 'B 3'");
        assertThatThrownBy(() -> load(MINIMAL.replace("site: s1\n", "")))
                .hasMessage("site.yaml: site: is required");
    }
}
