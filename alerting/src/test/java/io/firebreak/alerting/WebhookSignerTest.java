package io.firebreak.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.telemetry.inventory.Secret;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    private static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void shouldMatchAnIndependentHmacWhenSigningAContractBody() throws Exception {
        // Given a target secret and one attempt's id, timestamp and body
        String id = "msg_drn_01HF_kakao-traffic";
        long timestamp = 1_779_443_200L;
        String body = "{\"type\":\"drain.requested\",\"id\":\"drn_01HF\",\"reason\":\"VOC 40 ppm in zone B3-1, °C\"}";

        // When the production signer signs it
        String header = new WebhookSigner(new Secret(WHSEC, "inline")).sign(id, timestamp, body);

        // Then it equals HMAC-SHA256 computed straight from javax.crypto
        assertThat(header).isEqualTo("v1," + StandardWebhooksVerifier.expectedSignature(WHSEC, id, "1779443200", body));
    }

    @Test
    void shouldReproduceTheStandardWebhooksExampleWhenGivenItsInputs() {
        // Given the example of the Standard Webhooks reference libraries
        Secret secret = new Secret(WHSEC, "inline");

        // When it is signed
        String header = new WebhookSigner(secret).sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}");

        // Then the published signature comes out
        assertThat(header).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void shouldRefuseWithoutQuotingTheSecretWhenThePrefixIsMissing() {
        // Given a secret without whsec_
        Secret secret = new Secret("not-a-webhook-secret-value", "env FIREBREAK_WHSEC_KAKAO");

        // When / Then the error names the origin, never the value
        assertThatThrownBy(() -> new WebhookSigner(secret))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("env FIREBREAK_WHSEC_KAKAO")
                .hasMessageNotContaining("not-a-webhook-secret-value");
    }

    @Test
    void shouldRefuseWithoutQuotingTheSecretWhenTheKeyIsNotBase64() {
        // Given a secret whose key part is not base64
        Secret secret = new Secret("whsec_***???", "inline");

        // When / Then
        assertThatThrownBy(() -> new WebhookSigner(secret))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not base64")
                .hasMessageNotContaining("***???")
                .hasNoCause();
    }
}
