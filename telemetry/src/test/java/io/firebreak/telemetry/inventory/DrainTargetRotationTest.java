package io.firebreak.telemetry.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A drain target's signing key rollover: {@code next_secret} / {@code next_secret_env} beside the current secret. */
class DrainTargetRotationTest {

    private static final String KAKAO_SECRET = "    secret: whsec_RVhBTVBMRS1PTkxZLWtha2FvLWRvLW5vdC11c2U=";

    private static SiteInventory load(String replacement) throws IOException {
        String yaml;
        try (InputStream in = DrainTargetRotationTest.class.getResourceAsStream("/inventory/pangyo.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String edited = yaml.lines().map(l -> l.startsWith(KAKAO_SECRET) ? replacement : l)
                .reduce("", (a, b) -> a + b + "\n");
        return new InventoryLoader(Map.of("FIREBREAK_WHSEC_KAKAO_NEXT", "whsec_RVhBTVBMRS1ORVhULWtha2Fv")::get)
                .load(new ByteArrayInputStream(edited.getBytes(StandardCharsets.UTF_8)), "site.yaml");
    }

    @Test
    void shouldSignWithBothSecretsWhenANextSecretIsConfigured() throws IOException {
        // Given kakao's target in a rollover, the next secret from the environment
        SiteInventory site = load(KAKAO_SECRET + "\n    next_secret_env: FIREBREAK_WHSEC_KAKAO_NEXT");

        // Then the target signs with the current secret first, then the next one
        DrainTarget kakao = site.drainTargets().get(0);
        assertThat(kakao.signingSecrets()).extracting(Secret::origin).containsExactly("inline", "env FIREBREAK_WHSEC_KAKAO_NEXT");
        assertThat(site.drainTargets().get(1).signingSecrets()).hasSize(1);
    }

    @Test
    void shouldNameTheKeyWhenTheNextSecretIsNotAWebhookSecret() {
        assertThatThrownBy(() -> load(KAKAO_SECRET + "\n    next_secret: plain-text"))
                .hasMessageContaining("drain_targets[0].next_secret").hasMessageNotContaining("plain-text");
    }
}
