package io.firebreak.telemetry.auth;

import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One configured operator: a name (the identity the audit and {@code firebreak.operator.v1} carry), the
 * hash of their bearer token (null when they only use a client certificate whose CN is their name), and
 * the roles they hold at every site unless a site says otherwise ({@link OperatorCredentials}).
 *
 * @param name      {@code [A-Za-z0-9_.@-]{1,64}}; also the CN of their client certificate for mutual TLS
 * @param tokenHash the SHA-256 of their token; null for certificate-only operators
 * @param roles     the actions they may take
 */
public record Operator(String name, TokenHash tokenHash, Set<OperatorRole> roles) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");

    public Operator {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: must match [A-Za-z0-9_.@-]{1,64}, was '" + name + "'");
        }
        roles = roles == null || roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** True when this operator holds {@code role} (before any per-site rule). */
    public boolean holds(OperatorRole role) {
        return roles.contains(role);
    }
}
