package io.firebreak.telemetry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenHashTest {

    @Test
    void shouldMatchOnlyItsTokenWhenParsedFromEitherForm() {
        // Given the hash of a token, written with and without the sha256: prefix ("test" hashes to 9f86...)
        String hex = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

        // When / Then
        assertThat(TokenHash.parse("sha256:" + hex, "k").matches("test")).isTrue();
        assertThat(TokenHash.parse(hex.toUpperCase(), "k").matches("test")).isTrue();
        assertThat(TokenHash.parse(hex, "k").matches("tesT")).isFalse();
        assertThat(TokenHash.of("test").text()).isEqualTo("sha256:" + hex);
    }

    @Test
    void shouldRefuseWithoutEchoingTheValueWhenATokenIsPastedInsteadOfItsHash() {
        // Given a token where the hash belongs
        String token = TokenHash.newToken();

        // When / Then the message names the key, not the value
        assertThatThrownBy(() -> TokenHash.parse(token, "operators.accounts[0].token_sha256"))
                .hasMessageContaining("operators.accounts[0].token_sha256").hasMessageNotContaining(token);
    }

    @Test
    void shouldGenerateDistinctTokensWhenAskedTwice() {
        assertThat(TokenHash.newToken()).startsWith("fbo_").hasSize(47).isNotEqualTo(TokenHash.newToken());
    }
}
