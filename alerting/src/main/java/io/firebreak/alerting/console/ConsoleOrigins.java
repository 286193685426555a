package io.firebreak.alerting.console;

import io.firebreak.telemetry.auth.OperatorAccess;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The endpoint's own origins, added to {@code operators.allowed_origins} so the console's own page may
 * {@code POST /actions}: a browser sends {@code Origin} on every same-origin POST. Safe because the
 * {@code Host} check runs first (a DNS-rebound page names its own host, which is refused), the only page
 * this endpoint serves is the console, and every request still needs an operator's token.
 */
public final class ConsoleOrigins {

    private ConsoleOrigins() {
    }

    /** {@code access} with {@code scheme://name:port} allowed for the loopback names, {@code host} and the allowed hosts. */
    public static OperatorAccess withOwn(OperatorAccess access, String host, int port) {
        Set<String> names = new LinkedHashSet<>(List.of("127.0.0.1", "localhost", "[::1]"));
        if (host != null && !host.isBlank() && !host.equals("0.0.0.0") && !host.equals("::")) {
            names.add(host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host);
        }
        names.addAll(access.allowedHosts());
        Set<String> origins = new LinkedHashSet<>(access.allowedOrigins());
        for (String name : names) {
            origins.add((access.scheme() + "://" + name + ":" + port).toLowerCase(Locale.ROOT));
        }
        return new OperatorAccess(access.credentials(), origins, access.allowedHosts(), access.tls());
    }
}
