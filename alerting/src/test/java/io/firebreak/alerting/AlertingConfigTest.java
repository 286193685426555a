package io.firebreak.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.telemetry.inventory.DrainTarget;
import io.firebreak.telemetry.inventory.Secret;
import io.firebreak.telemetry.inventory.SiteInventory;
import io.firebreak.telemetry.kafka.KafkaSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertingConfigTest {

    private final KafkaSettings kafka = KafkaSettings.local("127.0.0.1:9092");
    private final AlertingConfig defaults = AlertingConfig.defaults(kafka, Fixtures.pangyo());

    @Test
    void shouldUseTheDocumentedDefaultsWhenNothingIsSet() {
        assertThat(defaults.groupId()).isEqualTo("firebreak-alerting");
        assertThat(defaults.targetTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.maxAttempts()).isEqualTo(6);
        assertThat(defaults.maxBackoff()).isEqualTo(Duration.ofSeconds(8));
        assertThat(defaults.dryRun()).isFalse();
    }

    @Test
    void shouldNameTheKeyWhenAValueIsOutOfRange() {
        assertThatThrownBy(() -> defaults.withRetries(Duration.ZERO, 6, Duration.ofSeconds(8)))
                .hasMessageStartingWith("alerting.target_timeout:");
        assertThatThrownBy(() -> defaults.withRetries(Duration.ofSeconds(5), 0, Duration.ofSeconds(8)))
                .hasMessageStartingWith("alerting.max_attempts:");
        assertThatThrownBy(() -> defaults.withRetries(Duration.ofSeconds(5), 6, Duration.ofHours(1)))
                .hasMessageStartingWith("alerting.max_backoff:");
        assertThatThrownBy(() -> defaults.withGroupId(" ")).hasMessageStartingWith("alerting.group_id:");
    }

    @Test
    void shouldRefuseWithoutQuotingItWhenADrainTargetSecretIsMalformed() {
        // Given a target whose secret lacks the whsec_ prefix
        SiteInventory pangyo = Fixtures.pangyo();
        DrainTarget bad = pangyo.drainTargets().get(0);
        bad = new DrainTarget(bad.id(), bad.url(), new Secret("plain-text-secret", "inline"), bad.halls(), bad.tenants());
        SiteInventory broken = new SiteInventory(pangyo.site(), pangyo.name(), pangyo.rooms(), pangyo.hallTenants(),
                List.of(bad), pangyo.pager());

        // When / Then
        assertThatThrownBy(() -> AlertingConfig.defaults(kafka, broken))
                .hasMessageStartingWith("alerting.inventory.drain_targets[kakao-traffic].secret")
                .hasMessageNotContaining("plain-text-secret");
    }

    @Test
    void shouldDefaultTheSafetySettingsWhenBuiltWithTheOriginalSevenSettings() {
        // When the app builds the configuration as before
        AlertingConfig config = new AlertingConfig(kafka, "g", Fixtures.pangyo(), Duration.ofSeconds(5), 8,
                Duration.ofSeconds(10), false);

        // Then
        assertThat(config.warningCountdown()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.maxHallsWithoutApproval()).isEqualTo(6);
        assertThat(config.allClearPeriod()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.escalationAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.escalationKey()).isEqualTo(Fixtures.pangyo().pager().facilityRoutingKey());
        assertThat(config.operatorPort()).isZero();
        assertThat(config.withRetries(Duration.ofSeconds(1), 3, Duration.ofSeconds(1)).maxHallsWithoutApproval()).isEqualTo(6);
    }

    @Test
    void shouldNameTheKeyWhenASafetySettingIsOutOfRange() {
        assertThatThrownBy(() -> defaults.withSafety(Duration.ofSeconds(120), 0))
                .hasMessageStartingWith("alerting.max_halls_without_approval:");
        assertThatThrownBy(() -> defaults.withSafety(Duration.ZERO, 6)).hasMessageStartingWith("alerting.warning_countdown:");
        assertThatThrownBy(() -> defaults.withAllClear(Duration.ofDays(2))).hasMessageStartingWith("alerting.all_clear:");
        assertThatThrownBy(() -> defaults.withEscalation(Duration.ofSeconds(-1), null))
                .hasMessageStartingWith("alerting.escalation_after:");
        assertThatThrownBy(() -> defaults.withOperatorApi("127.0.0.1", 70000)).hasMessageStartingWith("alerting.operator_port:");
    }

    @Test
    void shouldLinkToTheConsoleOnlyWhenAConsoleUrlIsSetAndRefuseOneNoBrowserCanOpen() {
        AlertingConfig config = AlertingConfig.defaults(kafka, Fixtures.pangyo());

        assertThat(config.consoleLinks().enabled()).isFalse();
        assertThat(config.withConsoleUrl(java.net.URI.create("https://firebreak.example/console")).consoleLinks()
                .incident("alr_1")).hasValue("https://firebreak.example/console#incident/alr_1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> config.withConsoleUrl(java.net.URI.create("console")))
                .hasMessageStartingWith("alerting.console_url:");
    }
}
