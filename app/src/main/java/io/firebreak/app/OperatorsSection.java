package io.firebreak.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.telemetry.auth.EndpointTls;
import io.firebreak.telemetry.auth.Operator;
import io.firebreak.telemetry.auth.OperatorAccess;
import io.firebreak.telemetry.auth.OperatorCredentials;
import io.firebreak.telemetry.auth.OperatorRole;
import io.firebreak.telemetry.auth.TokenHash;
import io.firebreak.telemetry.inventory.Secret;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code operators} section of {@code firebreak.yaml}: who may use the operator endpoint (alerting) and the
 * query endpoint (detection), read on its own like {@code management}:
 * <pre>
 * operators:
 *   accounts:
 *     - {name: alice, token_sha256: "sha256:...", roles: [ack, approve, veto, release, takeover]}
 *     - {name: carol, roles: [ack]}            # client certificate only (CN=carol)
 *   site_roles: {pangyo-a: {release: [alice]}}  # per site and action: only these operators
 *   allowed_origins: []                         # browser origins allowed; none by default
 *   allowed_hosts: []                           # Host names besides loopback and the bound address
 *   tls: {keystore: ops.p12, keystore_password_env: ..., truststore: ops-ca.p12, truststore_password_env: ...}
 * </pre>
 * Without the section every operator request is refused. Tokens never appear here, only their SHA-256.
 */
final class OperatorsSection {

    static final Set<String> KEYS = Set.of("accounts", "site_roles", "allowed_origins", "allowed_hosts", "tls");
    private static final Set<String> ACCOUNT_KEYS = Set.of("name", "token_sha256", "roles");
    static final Set<String> TLS_KEYS = Set.of("keystore", "keystore_password_env", "truststore", "truststore_password_env");

    private OperatorsSection() {
    }

    static OperatorAccess parse(JsonNode section, Path base, Function<String, String> environment) {
        if (section == null || section.isNull()) {
            return OperatorAccess.none();
        }
        mapping(section, "operators", KEYS);
        List<Operator> operators = new ArrayList<>();
        JsonNode accounts = section.path("accounts");
        if (!accounts.isMissingNode() && !accounts.isNull() && !accounts.isArray()) {
            throw new IllegalArgumentException("operators.accounts: must be a list of {name, token_sha256, roles}");
        }
        for (int i = 0; i < accounts.size(); i++) {
            operators.add(account(accounts.get(i), "operators.accounts[" + i + "]"));
        }
        Map<String, Map<OperatorRole, Set<String>>> siteRoles = new LinkedHashMap<>();
        JsonNode sites = section.path("site_roles");
        if (!sites.isMissingNode() && !sites.isNull()) {
            mapping(sites, "operators.site_roles", null);
            sites.fields().forEachRemaining(site -> {
                String key = "operators.site_roles." + site.getKey();
                mapping(site.getValue(), key, null);
                Map<OperatorRole, Set<String>> rules = new LinkedHashMap<>();
                site.getValue().fields().forEachRemaining(rule -> rules.put(OperatorRole.parse(rule.getKey(), key),
                        strings(rule.getValue(), key + "." + rule.getKey())));
                siteRoles.put(site.getKey(), rules);
            });
        }
        EndpointTls tls = section.hasNonNull("tls") ? tls(section.get("tls"), base, environment) : null;
        return new OperatorAccess(new OperatorCredentials(operators, siteRoles),
                strings(section.get("allowed_origins"), "operators.allowed_origins"),
                strings(section.get("allowed_hosts"), "operators.allowed_hosts"), tls);
    }

    private static Operator account(JsonNode node, String key) {
        mapping(node, key, ACCOUNT_KEYS);
        TokenHash hash = node.hasNonNull("token_sha256") ? TokenHash.parse(node.get("token_sha256").asText(), key + ".token_sha256") : null;
        Set<OperatorRole> roles = EnumSet.noneOf(OperatorRole.class);
        for (String role : strings(node.get("roles"), key + ".roles")) {
            roles.add(OperatorRole.parse(role, key + ".roles"));
        }
        try {
            return new Operator(node.path("name").asText(null), hash, roles);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + "." + e.getMessage(), e);
        }
    }

    private static EndpointTls tls(JsonNode node, Path base, Function<String, String> environment) {
        mapping(node, "operators.tls", TLS_KEYS);
        Path keystore = node.hasNonNull("keystore") ? base.resolve(node.get("keystore").asText()) : null;
        Path truststore = node.hasNonNull("truststore") ? base.resolve(node.get("truststore").asText()) : null;
        return new EndpointTls(keystore, secret(node, "keystore_password_env", environment),
                truststore, secret(node, "truststore_password_env", environment), "operators.tls");
    }

    private static Secret secret(JsonNode node, String field, Function<String, String> environment) {
        if (!node.hasNonNull(field)) {
            return null;
        }
        String variable = node.get(field).asText();
        String value = environment.apply(variable);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("operators.tls." + field + ": environment variable " + variable + " is not set");
        }
        return new Secret(value, "env " + variable);
    }

    private static Set<String> strings(JsonNode node, String key) {
        Set<String> values = new LinkedHashSet<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(key + ": must be a list");
        }
        node.forEach(v -> {
            if (!v.isTextual()) {
                throw new IllegalArgumentException(key + ": must be a list of names, found " + v.getNodeType());
            }
            values.add(v.asText());
        });
        return values;
    }

    private static void mapping(JsonNode node, String key, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(key + ": must be a mapping");
        }
        if (allowed != null) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    throw new IllegalArgumentException(key + "." + name + ": unknown key (" + String.join(", ", allowed.stream().sorted().toList()) + ")");
                }
            }
        }
    }
}
