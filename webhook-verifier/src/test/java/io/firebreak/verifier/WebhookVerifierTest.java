package io.firebreak.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.verifier.WebhookVerifier.Reason;
import io.firebreak.verifier.WebhookVerifier.Result;
import io.firebreak.verifier.WebhookVerifier.WebhookVerificationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {

    /** The Standard Webhooks reference example: secret, id, timestamp, body and its published signature. */
    static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final String TS = "1614265330";
    static final String BODY = "{\"test\": 2432232314}";
    static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static final String OTHER = "whsec_RVhBTVBMRS1ORVhULWtha2Fv";

    private static WebhookVerifier at(long epochSecond, String... secrets) {
        return new WebhookVerifier(List.of(secrets), WebhookVerifier.DEFAULT_TOLERANCE,
                Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC), 10);
    }

    @Test
    void shouldAcceptTheReferenceExampleAndReportItsRepeatAsADuplicate() throws Exception {
        WebhookVerifier verifier = at(1614265330L, WHSEC);

        assertThat(verifier.verify(ID, TS, SIGNATURE, BODY)).isEqualTo(Result.ACCEPTED);
        assertThat(verifier.verify(ID, TS, SIGNATURE, BODY)).isEqualTo(Result.DUPLICATE);
    }

    @Test
    void shouldAcceptWhenAnyOfSeveralSignaturesMatchesDuringARotation() throws Exception {
        // Given the sender signs with an old key and the current one; the receiver has only the current one
        String header = "v1,bm90LXRoZS1yaWdodC1zaWduYXR1cmUtYXQtYWxs " + SIGNATURE;

        // Then any matching entry is enough, and a receiver holding both keys accepts as well
        assertThat(at(1614265330L, WHSEC).verify(ID, TS, header, BODY)).isEqualTo(Result.ACCEPTED);
        assertThat(at(1614265330L, OTHER, WHSEC).verify(ID, TS, SIGNATURE, BODY)).isEqualTo(Result.ACCEPTED);
    }

    @Test
    void shouldRefuseWhenTheSignatureOrBodyDoesNotMatch() {
        assertThatThrownBy(() -> at(1614265330L, OTHER).verify(ID, TS, SIGNATURE, BODY))
                .isInstanceOfSatisfying(WebhookVerificationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
        assertThatThrownBy(() -> at(1614265330L, WHSEC).verify(ID, TS, SIGNATURE, BODY + " "))
                .isInstanceOfSatisfying(WebhookVerificationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
        assertThatThrownBy(() -> at(1614265330L, WHSEC).verify(ID, TS, "v1a,abc", BODY))
                .isInstanceOfSatisfying(WebhookVerificationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_SIGNATURE));
        assertThatThrownBy(() -> at(1614265330L, WHSEC).verify(ID, null, SIGNATURE, BODY))
                .isInstanceOfSatisfying(WebhookVerificationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_HEADER));
    }

    @Test
    void shouldRefuseTimestampsOutsideFiveMinutesEitherWay() throws Exception {
        long ts = Long.parseLong(TS);

        assertThat(at(ts + 300, WHSEC).verify(ID, TS, SIGNATURE, BODY)).isEqualTo(Result.ACCEPTED);
        assertThat(at(ts - 300, WHSEC).verify(ID, TS, SIGNATURE, BODY)).isEqualTo(Result.ACCEPTED);
        assertThatThrownBy(() -> at(ts + 301, WHSEC).verify(ID, TS, SIGNATURE, BODY))
                .isInstanceOfSatisfying(WebhookVerificationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMESTAMP_TOO_OLD));
        assertThatThrownBy(() -> at(ts - 301, WHSEC).verify(ID, TS, SIGNATURE, BODY))
                .isInstanceOfSatisfying(WebhookVerificationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMESTAMP_IN_FUTURE));
        assertThatThrownBy(() -> at(ts, WHSEC).verify(ID, "yesterday", SIGNATURE, BODY))
                .isInstanceOfSatisfying(WebhookVerificationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_TIMESTAMP));
    }

    @Test
    void shouldKeepAtMostMaxIdsAndForgetThemAfterTheWindow() throws Exception {
        // Given a verifier remembering at most 2 ids, on a clock we move
        MutableClock clock = new MutableClock(Long.parseLong(TS));
        WebhookVerifier verifier = new WebhookVerifier(List.of(WHSEC), Duration.ofMinutes(5), clock, 2);
        verifier.verify(ID, TS, SIGNATURE, BODY);

        // When the window passes, the id is forgotten (a repeat that late would fail the timestamp check anyway)
        clock.now = Long.parseLong(TS) + 301;
        assertThatThrownBy(() -> verifier.verify(ID, TS, SIGNATURE, BODY)).isInstanceOf(WebhookVerificationException.class);
        clock.now = Long.parseLong(TS);
        assertThat(verifier.verify(ID, TS, SIGNATURE, BODY)).isEqualTo(Result.DUPLICATE);
        verifier.forget(ID);
        assertThat(verifier.verify(ID, TS, SIGNATURE, BODY)).isEqualTo(Result.ACCEPTED);

        // and with two more ids verified, the oldest is dropped to stay within 2
        verifier.verify("msg_2", TS, sign("msg_2"), BODY);
        verifier.verify("msg_3", TS, sign("msg_3"), BODY);
        assertThat(verifier.verify(ID, TS, SIGNATURE, BODY)).isEqualTo(Result.ACCEPTED);
        assertThat(verifier.verify("msg_3", TS, sign("msg_3"), BODY)).isEqualTo(Result.DUPLICATE);
    }

    private static String sign(String id) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(java.util.Base64.getDecoder().decode(WHSEC.substring(6)), "HmacSHA256"));
        return "v1," + java.util.Base64.getEncoder().encodeToString(
                mac.doFinal((id + "." + TS + "." + BODY).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void shouldNotQuoteTheSecretWhenItIsMalformed() {
        assertThatThrownBy(() -> new WebhookVerifier(List.of("whsec_***???")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secrets[0]").hasMessageNotContaining("***???");
        assertThatThrownBy(() -> new WebhookVerifier(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static final class MutableClock extends Clock {
        long now;

        MutableClock(long now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(now);
        }
    }
}
