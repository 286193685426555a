package io.firebreak.telemetry.auth;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How an operator endpoint (alerting's {@code /actions}, detection's query endpoint) admits a request: the
 * operators and their roles, the browser origins allowed to call it (none by default: an operator's browser
 * cannot be made to post), the extra host names it answers to (besides loopback names and its bound
 * address: this stops DNS rebinding), and TLS.
 *
 * @param credentials    the operators; empty refuses everything
 * @param allowedOrigins {@code Origin} values allowed, e.g. {@code https://ops.example.com}; empty: none
 * @param allowedHosts   extra {@code Host} names the endpoint answers to, e.g. {@code alerting-1.dc.example}
 * @param tls            TLS (and mutual TLS); null serves plain HTTP
 */
public record OperatorAccess(OperatorCredentials credentials, Set<String> allowedOrigins, Set<String> allowedHosts,
                             EndpointTls tls) {

    public OperatorAccess {
        if (credentials == null) {
            throw new IllegalArgumentException("operators.accounts: is required (may be empty)");
        }
        allowedOrigins = allowedOrigins == null ? Set.of() : allowedOrigins.stream().map(OperatorAccess::origin)
                .collect(Collectors.toUnmodifiableSet());
        allowedHosts = allowedHosts == null ? Set.of() : allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** No operators, no TLS: every request is refused. The safe default. */
    public static OperatorAccess none() {
        return new OperatorAccess(OperatorCredentials.none(), Set.of(), Set.of(), null);
    }

    /** Only {@code credentials}, over plain HTTP, from no browser origin. */
    public static OperatorAccess of(OperatorCredentials credentials) {
        return new OperatorAccess(credentials, Set.of(), Set.of(), null);
    }

    public OperatorAccess withTls(EndpointTls newTls) {
        return new OperatorAccess(credentials, allowedOrigins, allowedHosts, newTls);
    }

    /** The URL scheme the endpoint serves. */
    public String scheme() {
        return tls == null ? "http" : "https";
    }

    private static String origin(String value) {
        String origin = value.strip().toLowerCase(Locale.ROOT);
        return origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
    }
}
