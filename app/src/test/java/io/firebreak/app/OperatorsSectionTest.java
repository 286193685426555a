package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.telemetry.auth.OperatorAccess;
import io.firebreak.telemetry.auth.OperatorRole;
import io.firebreak.telemetry.auth.TokenHash;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code operators} section of firebreak.yaml, {@code detect.query_host}, and {@code firebreak operator-token}. */
class OperatorsSectionTest {

    private static final String HEAD = """
            inventory: classpath:/inventory/pangyo.yaml
            mqtt: {server_uri: "tcp://a:1"}
            kafka: {bootstrap_servers: "k:9092"}
            """;
    private static final String ALICE_HASH = TokenHash.of("fbo_EXAMPLE-alice").text();

    @TempDir
    Path dir;

    private FirebreakConfig load(String yaml) throws IOException {
        // one environment variable is set: a key store's password
        return new ConfigLoader(java.util.Map.of("FIREBREAK_TEST_STORE_PASSWORD", "EXAMPLE-pw")::get)
                .load(Files.writeString(dir.resolve("firebreak.yaml"), HEAD + yaml));
    }

    @Test
    void shouldGiveBothEndpointsTheOperatorsAndRolesWhenTheSectionIsSet() throws IOException {
        FirebreakConfig config = load("""
                detect: {query_port: 8094, query_host: 0.0.0.0}
                operators:
                  accounts:
                    - {name: alice, token_sha256: "%s", roles: [ack, release]}
                    - {name: carol, roles: [ack]}
                  site_roles: {pangyo-a: {release: [carol]}}
                  allowed_origins: ["https://ops.example.com"]
                  allowed_hosts: [alerting-1.example]
                """.formatted(ALICE_HASH));

        OperatorAccess access = config.alerting().operatorAccess();
        assertThat(config.detect().queryAccess()).isSameAs(access);
        assertThat(config.detect().queryHost()).isEqualTo("0.0.0.0");
        var alice = access.credentials().byToken("fbo_EXAMPLE-alice").orElseThrow();
        assertThat(alice.name()).isEqualTo("alice");
        assertThat(access.credentials().allows(alice, "pangyo-a", OperatorRole.RELEASE)).isFalse();
        assertThat(access.credentials().allows(alice, "other", OperatorRole.RELEASE)).isTrue();
        assertThat(access.allowedOrigins()).containsExactly("https://ops.example.com");
        assertThat(access.allowedHosts()).containsExactly("alerting-1.example");
    }

    @Test
    void shouldRefuseEveryoneAndBindToLoopbackWhenNothingIsConfigured() throws IOException {
        FirebreakConfig config = load("detect: {query_port: 8094}\nalerting: {operator_port: 8095}\n");

        assertThat(config.alerting().operatorAccess().credentials().isEmpty()).isTrue();
        assertThat(config.detect().queryAccess().credentials().isEmpty()).isTrue();
        assertThat(config.alerting().operatorHost()).isEqualTo("127.0.0.1");
        assertThat(config.detect().queryHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void shouldNameTheKeyWhenAnAccountIsWrong() {
        assertThatThrownBy(() -> load("operators: {accounts: [{name: alice, token_sha256: fbo_pasted-the-token}]}\n"))
                .hasMessageContaining("operators.accounts[0].token_sha256").hasMessageNotContaining("fbo_pasted-the-token");
        assertThatThrownBy(() -> load("operators: {accounts: [{name: alice, roles: [reboot]}]}\n"))
                .hasMessageContaining("operators.accounts[0].roles").hasMessageContaining("reboot");
        assertThatThrownBy(() -> load("operators: {accounts: [{name: alice}], site_roles: {pangyo-a: {veto: [bob]}}}\n"))
                .hasMessageContaining("operators.site_roles.pangyo-a.veto: unknown operator 'bob'");
        assertThatThrownBy(() -> load("operators: {acounts: []}\n")).hasMessageContaining("operators.acounts: unknown key");
        assertThatThrownBy(() -> load("operators: {tls: {keystore: missing.p12, keystore_password_env: FIREBREAK_TEST_STORE_PASSWORD}}\n"))
                .hasMessageContaining("operators.tls.keystore: cannot read");
        assertThatThrownBy(() -> load("operators: {tls: {keystore: missing.p12, keystore_password_env: UNSET}}\n"))
                .hasMessageContaining("operators.tls.keystore_password_env: environment variable UNSET is not set");
        assertThatThrownBy(() -> load("operators: {accounts: [{name: a b}]}\n")).hasMessageContaining("operators.accounts[0].name");
    }

    @Test
    void shouldPrintATokenAndTheHashOfThatTokenWhenAskedForOne() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = Main.commandLine().execute("operator-token", "bob", "--roles", "ack,veto");
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);

        assertThat(code).isZero();
        Matcher token = Pattern.compile("(fbo_[A-Za-z0-9_-]{43})").matcher(printed);
        Matcher hash = Pattern.compile("token_sha256: \"(sha256:[0-9a-f]{64})\", roles: \\[ack, veto]").matcher(printed);
        assertThat(token.find()).isTrue();
        assertThat(hash.find()).isTrue();
        assertThat(TokenHash.parse(hash.group(1), "k").matches(token.group(1))).isTrue();
    }
}
