package io.firebreak.alerting.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ConsoleLinksTest {

    @Test
    void shouldLinkToTheIncidentsPageUnderTheConsoleUrlWhenOneIsSet() {
        // Given people reach the console behind a proxy
        ConsoleLinks links = ConsoleLinks.at(URI.create("https://firebreak.example/ops/console"));

        // When the link of an alert's incident and of a decision's is made
        // Then both open the console's incident page, the id escaped as the page decodes it
        assertThat(links.incident("alr_0123")).hasValue("https://firebreak.example/ops/console#incident/alr_0123");
        assertThat(links.incident("drn_a b/c")).hasValue("https://firebreak.example/ops/console#incident/drn_a%20b%2Fc");
        assertThat(links.enabled()).isTrue();
    }

    @Test
    void shouldMakeNoLinksWhenNoConsoleUrlIsSet() {
        assertThat(ConsoleLinks.at(null).incident("alr_0123")).isEmpty();
        assertThat(ConsoleLinks.none().enabled()).isFalse();
    }

    @Test
    void shouldRefuseAConsoleUrlThatNoBrowserCanOpenNamingTheKey() {
        assertThatThrownBy(() -> ConsoleLinks.at(URI.create("/console")))
                .hasMessageStartingWith("alerting.console_url: must be an absolute http or https URL");
        assertThatThrownBy(() -> ConsoleLinks.at(URI.create("ftp://firebreak.example/console")))
                .hasMessageStartingWith("alerting.console_url:");
        assertThatThrownBy(() -> ConsoleLinks.at(URI.create("https://firebreak.example/console#incident/x")))
                .hasMessageStartingWith("alerting.console_url: must have no #fragment");
    }
}
