package io.firebreak.telemetry.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The gate in front of an operator endpoint. In order, a request must:
 * <ol>
 *   <li>name this endpoint in {@code Host} (a loopback name, its bound address, or a configured name;
 *       anything else is DNS rebinding): else 403 {@code host_not_allowed};</li>
 *   <li>come from no browser page, or from a configured {@code Origin}: else 403 {@code origin_not_allowed};</li>
 *   <li>for a write, be {@code Content-Type: application/json}, which a cross-site form cannot send without
 *       a CORS preflight that nobody answers: else 415 {@code content_type};</li>
 *   <li>prove an operator: {@code Authorization: Bearer <token>} whose hash is configured, or a verified
 *       client certificate whose CN is a configured operator: else 401.</li>
 * </ol>
 * {@link #authorize} then checks the operator's role for the action at the site (403 {@code role_not_allowed}).
 */
public final class RequestGuard {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1");

    private final OperatorAccess access;
    private final Set<String> hosts = new HashSet<>(LOOPBACK);

    /**
     * @param access   the operators, allowed origins and host names
     * @param ownHosts the endpoint's own names: its bound address, its advertised host
     */
    public RequestGuard(OperatorAccess access, Collection<String> ownHosts) {
        this.access = access;
        ownHosts.stream().filter(h -> h != null && !h.isBlank()).map(h -> h.toLowerCase(Locale.ROOT)).forEach(hosts::add);
        hosts.addAll(access.allowedHosts());
    }

    /** What a request shows the guard. */
    public record Request(String host, String origin, String contentType, String authorization, String certificateName,
                          boolean write) {
    }

    /** Checks {@code exchange}; {@code write} for requests that change something (content type checked). */
    public Verdict admit(HttpExchange exchange, boolean write) {
        var headers = exchange.getRequestHeaders();
        return admit(new Request(headers.getFirst("Host"), headers.getFirst("Origin"), headers.getFirst("Content-Type"),
                headers.getFirst("Authorization"), certificateName(exchange).orElse(null), write));
    }

    public Verdict admit(Request request) {
        Verdict identity = identify(request);
        String claimed = identity instanceof Verdict.Admitted a ? a.operator().name() : ((Verdict.Refused) identity).claimed();
        if (request.host() == null || !hosts.contains(hostName(request.host()))) {
            return new Verdict.Refused(403, "host_not_allowed", claimed);
        }
        if (request.origin() != null && !access.allowedOrigins().contains(request.origin().strip().toLowerCase(Locale.ROOT))) {
            return new Verdict.Refused(403, "origin_not_allowed", claimed);
        }
        if (request.write() && !json(request.contentType())) {
            return new Verdict.Refused(415, "content_type", claimed);
        }
        return identity;
    }

    /** Admits {@code operator} to take {@code role} at {@code site}, or refuses with 403. */
    public Verdict authorize(Operator operator, String site, OperatorRole role) {
        return access.credentials().allows(operator, site, role) ? new Verdict.Admitted(operator, "role")
                : new Verdict.Refused(403, "role_not_allowed", operator.name());
    }

    private Verdict identify(Request request) {
        OperatorCredentials credentials = access.credentials();
        if (credentials.isEmpty()) {
            return new Verdict.Refused(401, "no_operators_configured", request.certificateName());
        }
        Optional<Operator> byCertificate = Optional.ofNullable(request.certificateName()).flatMap(credentials::byName);
        String auth = request.authorization();
        if (auth != null) {
            if (!auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return new Verdict.Refused(401, "not_a_bearer_token", request.certificateName());
            }
            Optional<Operator> byToken = credentials.byToken(auth.substring(7).strip());
            if (byToken.isEmpty()) {
                return new Verdict.Refused(401, "wrong_token", request.certificateName());
            }
            if (request.certificateName() != null && !byToken.get().name().equals(request.certificateName())) {
                return new Verdict.Refused(401, "credentials_disagree", request.certificateName());
            }
            return new Verdict.Admitted(byToken.get(), "token");
        }
        if (request.certificateName() != null) {
            return byCertificate.<Verdict>map(op -> new Verdict.Admitted(op, "certificate"))
                    .orElseGet(() -> new Verdict.Refused(401, "unknown_certificate", request.certificateName()));
        }
        return new Verdict.Refused(401, "no_credential", null);
    }

    /** The CN of the client certificate the TLS handshake verified, if any. */
    static Optional<String> certificateName(HttpExchange exchange) {
        if (!(exchange instanceof HttpsExchange https) || https.getSSLSession() == null) {
            return Optional.empty();
        }
        try {
            String dn = https.getSSLSession().getPeerPrincipal().getName();
            for (Rdn rdn : new LdapName(dn).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return Optional.of(rdn.getValue().toString());
                }
            }
            return Optional.empty();
        } catch (SSLPeerUnverifiedException | InvalidNameException e) {
            return Optional.empty();
        }
    }

    private static String hostName(String header) {
        String host = header.strip().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(1, end);
        }
        int colon = host.indexOf(':');
        return colon >= 0 && colon == host.lastIndexOf(':') ? host.substring(0, colon) : host;
    }

    private static boolean json(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return type.equalsIgnoreCase("application/json");
    }

    /** Answers {@code refused} as JSON ({@code {"error": "<reason>"}}), with a Bearer challenge on 401. */
    public static void answer(HttpExchange exchange, Verdict.Refused refused) throws IOException {
        byte[] body = ("{\"error\":\"" + refused.reason() + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", "application/json");
        if (refused.status() == 401) {
            exchange.getResponseHeaders().set("www-authenticate", "Bearer realm=\"firebreak\"");
        }
        exchange.sendResponseHeaders(refused.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
