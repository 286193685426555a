package io.firebreak.alerting.console;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where people reach the console ({@code alerting.console_url}), and so the link to one incident's page that
 * PagerDuty triggers ({@code client_url}, {@code links}) and drain webhooks ({@code links}) carry:
 * {@code <console_url>#incident/<alert or decision id>}. Without a base URL there are no links: alerting
 * cannot guess the name a person's browser reaches it by (a proxy, a load balancer, TLS in front).
 */
public final class ConsoleLinks {

    private static final ConsoleLinks NONE = new ConsoleLinks(null);

    private final String base;

    private ConsoleLinks(String base) {
        this.base = base;
    }

    /** No console URL configured: events and webhooks carry no links. */
    public static ConsoleLinks none() {
        return NONE;
    }

    /**
     * Links under {@code consoleUrl}, or {@link #none()} when it is null.
     *
     * @throws IllegalArgumentException naming {@code alerting.console_url} when it is not an absolute http(s) URL
     *                                  without a fragment
     */
    public static ConsoleLinks at(URI consoleUrl) {
        if (consoleUrl == null) {
            return NONE;
        }
        String scheme = consoleUrl.getScheme() == null ? "" : consoleUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!consoleUrl.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || consoleUrl.getHost() == null) {
            throw new IllegalArgumentException("alerting.console_url: must be an absolute http or https URL "
                    + "(such as https://firebreak.example/console), was " + consoleUrl);
        }
        if (consoleUrl.getRawFragment() != null) {
            throw new IllegalArgumentException("alerting.console_url: must have no #fragment (the incident's page is "
                    + "added as one), was " + consoleUrl);
        }
        return new ConsoleLinks(consoleUrl.toString());
    }

    /** The console's page of the incident {@code id} (a risk alert's id, or a drain decision's), if a base URL is set. */
    public Optional<String> incident(String id) {
        Objects.requireNonNull(id, "id");
        if (base == null) {
            return Optional.empty();
        }
        return Optional.of(base + "#incident/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** Whether links are made at all. */
    public boolean enabled() {
        return base != null;
    }

    @Override
    public String toString() {
        return base == null ? "none" : base;
    }
}
