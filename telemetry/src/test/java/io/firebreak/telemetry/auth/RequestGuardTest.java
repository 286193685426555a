package io.firebreak.telemetry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestGuardTest {

    private static final String ALICE_TOKEN = "fbo_alice-example-token";
    private static final String BOB_TOKEN = "fbo_bob-example-token";

    private final OperatorCredentials credentials = new OperatorCredentials(List.of(
            new Operator("alice", TokenHash.of(ALICE_TOKEN), Set.of(OperatorRole.values())),
            new Operator("bob", TokenHash.of(BOB_TOKEN), Set.of(OperatorRole.ACK, OperatorRole.VETO, OperatorRole.RELEASE)),
            new Operator("carol", null, Set.of(OperatorRole.ACK))),
            Map.of("pangyo-a", Map.of(OperatorRole.RELEASE, Set.of("alice"))));
    private final RequestGuard guard = new RequestGuard(
            new OperatorAccess(credentials, Set.of("https://ops.example.com"), Set.of("alerting-1.example"), null),
            List.of("127.0.0.1"));

    private static RequestGuard.Request post(String host, String origin, String type, String auth) {
        return new RequestGuard.Request(host, origin, type, auth, null, true);
    }

    @Test
    void shouldAdmitTheTokensOperatorWhenEverythingIsInOrder() {
        Verdict verdict = guard.admit(post("127.0.0.1:8095", null, "application/json; charset=utf-8", "Bearer " + BOB_TOKEN));

        assertThat(verdict).isEqualTo(new Verdict.Admitted(credentials.byName("bob").orElseThrow(), "token"));
    }

    @Test
    void shouldRefuseWith401WhenTheTokenIsMissingOrWrong() {
        assertThat(guard.admit(post("localhost:8095", null, "application/json", null)))
                .isEqualTo(new Verdict.Refused(401, "no_credential", null));
        assertThat(guard.admit(post("localhost:8095", null, "application/json", "Bearer " + ALICE_TOKEN + "x")))
                .isEqualTo(new Verdict.Refused(401, "wrong_token", null));
        assertThat(guard.admit(post("localhost:8095", null, "application/json", "Basic YWxpY2U6eA==")))
                .isEqualTo(new Verdict.Refused(401, "not_a_bearer_token", null));
    }

    @Test
    void shouldRefuseBrowserShapedRequestsWhenTheyCouldBeForged() {
        String auth = "Bearer " + ALICE_TOKEN;
        assertThat(guard.admit(post("127.0.0.1:8095", null, "text/plain", auth)))
                .isEqualTo(new Verdict.Refused(415, "content_type", "alice"));
        assertThat(guard.admit(post("127.0.0.1:8095", "https://evil.example", "application/json", auth)))
                .isEqualTo(new Verdict.Refused(403, "origin_not_allowed", "alice"));
        assertThat(guard.admit(post("rebound.evil.example:8095", null, "application/json", auth)))
                .isEqualTo(new Verdict.Refused(403, "host_not_allowed", "alice"));
        assertThat(guard.admit(post(null, null, "application/json", auth)).getClass()).isEqualTo(Verdict.Refused.class);
    }

    @Test
    void shouldAdmitConfiguredOriginsAndHostsWhenTheyAreListed() {
        String auth = "Bearer " + ALICE_TOKEN;
        assertThat(guard.admit(post("alerting-1.example", "https://ops.example.com", "application/json", auth)))
                .isInstanceOf(Verdict.Admitted.class);
        assertThat(guard.admit(post("[::1]:8095", null, "application/json", auth))).isInstanceOf(Verdict.Admitted.class);
        assertThat(guard.admit(new RequestGuard.Request("127.0.0.1", null, null, auth, null, false)))
                .isInstanceOf(Verdict.Admitted.class);
    }

    @Test
    void shouldNameTheCertificatesOperatorWhenNoTokenIsGiven() {
        Verdict carol = guard.admit(new RequestGuard.Request("127.0.0.1", null, "application/json", null, "carol", true));
        Verdict mallory = guard.admit(new RequestGuard.Request("127.0.0.1", null, "application/json", null, "mallory", true));
        Verdict mixed = guard.admit(new RequestGuard.Request("127.0.0.1", null, "application/json", "Bearer " + BOB_TOKEN, "carol", true));

        assertThat(carol).isEqualTo(new Verdict.Admitted(credentials.byName("carol").orElseThrow(), "certificate"));
        assertThat(mallory).isEqualTo(new Verdict.Refused(401, "unknown_certificate", "mallory"));
        assertThat(mixed).isEqualTo(new Verdict.Refused(401, "credentials_disagree", "carol"));
    }

    @Test
    void shouldApplyTheSitesListInsteadOfTheOperatorsRolesWhenTheSiteNamesOne() {
        Operator bob = credentials.byName("bob").orElseThrow();

        assertThat(guard.authorize(bob, "pangyo-a", OperatorRole.RELEASE)).isEqualTo(new Verdict.Refused(403, "role_not_allowed", "bob"));
        assertThat(guard.authorize(bob, "other-site", OperatorRole.RELEASE)).isInstanceOf(Verdict.Admitted.class);
        assertThat(guard.authorize(bob, "pangyo-a", OperatorRole.APPROVE)).isInstanceOf(Verdict.Refused.class);
        assertThat(guard.authorize(credentials.byName("alice").orElseThrow(), "pangyo-a", OperatorRole.RELEASE))
                .isInstanceOf(Verdict.Admitted.class);
    }

    @Test
    void shouldRefuseEveryoneWhenNoOperatorIsConfigured() {
        RequestGuard empty = new RequestGuard(OperatorAccess.none(), List.of("127.0.0.1"));

        assertThat(empty.admit(post("127.0.0.1", null, "application/json", "Bearer " + ALICE_TOKEN)))
                .isEqualTo(new Verdict.Refused(401, "no_operators_configured", null));
    }
}
