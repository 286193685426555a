package io.firebreak.telemetry.auth;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may act, and what they may do where: the configured {@link Operator}s and the per-site rules.
 *
 * <p>An operator's own roles apply at every site. A site may name, per action, exactly who may take it
 * there ({@code site_roles: {pangyo-a: {release: [alice], veto: [alice, bob]}}}): for that site and
 * action the list replaces the operators' own roles. With no operator configured, nobody is anybody:
 * every request is refused (there is no anonymous access).
 */
public final class OperatorCredentials {

    private static final OperatorCredentials NONE = new OperatorCredentials(List.of(), Map.of());

    private final List<Operator> operators;
    private final Map<String, Map<OperatorRole, Set<String>>> siteRoles;

    /**
     * @param operators the operators; names and token hashes are unique
     * @param siteRoles per site, per action, the names of the only operators who may take it there
     */
    public OperatorCredentials(List<Operator> operators, Map<String, Map<OperatorRole, Set<String>>> siteRoles) {
        this.operators = List.copyOf(operators);
        Set<String> names = new HashSet<>();
        Set<TokenHash> hashes = new HashSet<>();
        for (int i = 0; i < this.operators.size(); i++) {
            Operator op = this.operators.get(i);
            if (!names.add(op.name())) {
                throw new IllegalArgumentException("operators.accounts[" + i + "].name: '" + op.name() + "' is listed twice");
            }
            if (op.tokenHash() != null && !hashes.add(op.tokenHash())) {
                throw new IllegalArgumentException("operators.accounts[" + i + "].token_sha256: another operator has the same token");
            }
        }
        Map<String, Map<OperatorRole, Set<String>>> copy = new LinkedHashMap<>();
        siteRoles.forEach((site, rules) -> {
            Map<OperatorRole, Set<String>> perRole = new LinkedHashMap<>();
            rules.forEach((role, who) -> {
                for (String name : who) {
                    if (!names.contains(name)) {
                        throw new IllegalArgumentException("operators.site_roles." + site + "." + role.wireName()
                                + ": unknown operator '" + name + "' (not in operators.accounts)");
                    }
                }
                perRole.put(role, Set.copyOf(who));
            });
            copy.put(site, Map.copyOf(perRole));
        });
        this.siteRoles = Map.copyOf(copy);
    }

    /** No operator: every request is refused. */
    public static OperatorCredentials none() {
        return NONE;
    }

    /** True when no operator is configured. */
    public boolean isEmpty() {
        return operators.isEmpty();
    }

    public List<Operator> operators() {
        return operators;
    }

    /**
     * The operator whose token this is. Every configured hash is compared, each in constant time, so the
     * answer's timing says nothing about which operator (or how much of a hash) matched.
     */
    public Optional<Operator> byToken(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = TokenHash.sha256(token);
        Operator found = null;
        for (Operator op : operators) {
            if (op.tokenHash() != null && op.tokenHash().matchesDigest(presented)) {
                found = op;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The operator named {@code name}: the CN of a verified client certificate. */
    public Optional<Operator> byName(String name) {
        return operators.stream().filter(op -> op.name().equals(name)).findFirst();
    }

    /** True when {@code operator} may take {@code role} at {@code site}. */
    public boolean allows(Operator operator, String site, OperatorRole role) {
        Set<String> only = siteRoles.getOrDefault(site, Map.of()).get(role);
        return only != null ? only.contains(operator.name()) : operator.holds(role);
    }
}
