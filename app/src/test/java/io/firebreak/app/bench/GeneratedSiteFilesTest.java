package io.firebreak.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.app.ConfigLoader;
import io.firebreak.app.FirebreakConfig;
import io.firebreak.simulators.SiteFactory;
import io.firebreak.telemetry.contract.TimeMode;
import io.firebreak.telemetry.inventory.InventoryLoader;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedSiteFilesTest {

    @TempDir
    Path dir;

    @Test
    void shouldWriteAnInventoryThatLoadsBackToTheSameRoomsAndHalls() {
        SiteInventory site = SiteFactory.generated(20_000);

        String yaml = GeneratedSiteFiles.inventoryYaml(site);
        SiteInventory loaded = new InventoryLoader(name -> null)
                .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "inventory.yaml");

        assertThat(loaded.site()).isEqualTo(site.site());
        assertThat(loaded.rooms()).isEqualTo(site.rooms());
        assertThat(loaded.hallTenants()).isEqualTo(site.hallTenants());
        assertThat(loaded.cells()).isEqualTo(site.cells()).isGreaterThanOrEqualTo(20_000);
        assertThat(yaml).as("only the clearly fake example secret").contains(GeneratedSiteFiles.FAKE_SECRET);
    }

    @Test
    void shouldWriteAConfigThatRunsEveryServiceLiveWithAlertingDry() throws Exception {
        SiteInventory site = SiteFactory.generated(2_000);
        Path inventory = dir.resolve("inventory.yaml");
        GeneratedSiteFiles.write(inventory, GeneratedSiteFiles.inventoryYaml(site));
        Path config = dir.resolve("firebreak.yaml");
        GeneratedSiteFiles.write(config, GeneratedSiteFiles.configYaml(inventory, "tcp://127.0.0.1:1883", "127.0.0.1:9092",
                "http://127.0.0.1:8086", dir.resolve("state")));

        FirebreakConfig loaded = new ConfigLoader().load(config);

        assertThat(loaded.inventory().rooms()).isEqualTo(site.rooms());
        assertThat(loaded.detect().timeMode()).isEqualTo(TimeMode.LIVE);
        assertThat(loaded.alerting().dryRun()).as("a benchmark drains nobody").isTrue();
        assertThat(loaded.sink()).isNotNull();
        assertThat(Files.readString(config)).contains("bench-detect", "bench-sink");
    }
}
