package io.firebreak.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.util.List;
import org.junit.jupiter.api.Test;

class SiteFactoryTest {

    @Test
    void shouldBuildASiteOfAHundredThousandCellsPublishingOneMessagePerModulePerSecond() {
        SiteInventory site = SiteFactory.generated(100_000);

        List<SimMessage> second = new ScenarioRun(site, new Healthy(), TopicLayout.defaults(), 0, 1, Variation.nominal()).iterator().next();

        assertThat(site.cells()).isBetween(100_000, 100_112);
        int modules = site.rooms().stream().flatMap(r -> r.racks().stream()).mapToInt(r -> r.modules()).sum();
        assertThat(second.stream().filter(m -> m.topic().contains("/bms/"))).hasSize(modules);
        assertThat(second.size()).as("about 8,000 messages a second per site (domain brief)").isBetween(7_000, 8_500);
    }
}
