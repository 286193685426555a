package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PublishOptionsTest {

    @Test
    void shouldReadEachGatewaysPasswordFromTheVariableMakePasswdWrites() {
        assertThat(PublishOptions.passwordVariable("gw-b3")).isEqualTo("MQTT_PASSWORD_GW_B3");
        assertThat(PublishOptions.passwordVariable("edge.gw-2")).isEqualTo("MQTT_PASSWORD_EDGE_GW_2");
    }

    @Test
    void shouldPublishAnonymouslyWithoutTheFlagAndRefuseAMissingPasswordWithIt() {
        PublishOptions anonymous = new PublishOptions();
        PublishOptions gateway = new PublishOptions();
        gateway.gatewayCredentials = true;

        assertThat(anonymous.gatewayPasswords().apply("gw-b3")).isNull();
        assertThatThrownBy(() -> gateway.gatewayPasswords().apply("gw-never-set-in-this-test"))
                .hasMessage("--gateway-credentials: environment variable MQTT_PASSWORD_GW_NEVER_SET_IN_THIS_TEST is not set");
    }
}
