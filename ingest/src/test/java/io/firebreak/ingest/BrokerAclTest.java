package io.firebreak.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.inventory.InventoryLoader;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BrokerAclTest {

    private static final SiteInventory PANGYO = new InventoryLoader(name -> null).loadResource("/inventory/pangyo.yaml");

    @Test
    void shouldLetEachGatewayWriteOnlyItsOwnRoomAndIngestOnlyRead() {
        String acl = BrokerAcl.of(PANGYO, TopicLayout.defaults(), "firebreak-ingest");

        assertThat(acl).contains("user firebreak-ingest\ntopic read dc/#\n")
                .contains("user gw-b3\ntopic write dc/pangyo-a/B3-battery/#\n")
                .contains("user gw-b2\ntopic write dc/pangyo-a/B2-battery/#\n")
                .doesNotContain("topic readwrite").doesNotContain("pattern");
    }

    @Test
    void shouldBeWhatTheShippedAclFileSays() throws Exception {
        Path shipped = Path.of("..", "deploy", "mosquitto", "acl");

        assertThat(Files.readString(shipped)).isEqualTo(BrokerAcl.of(PANGYO, TopicLayout.defaults(), BrokerAcl.INGEST_USER));
    }
}
