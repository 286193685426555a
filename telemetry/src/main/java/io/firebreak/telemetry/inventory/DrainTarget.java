package io.firebreak.telemetry.inventory;

import java.net.URI;
import java.util.Collection;
import java.util.List;

/**
 * A traffic system that takes drain webhooks for some halls or tenants. It receives a decision when the
 * decision's scope includes one of its halls or its tenants include one of its tenants.
 *
 * <p>Key rotation: during a rollover the target has a {@code nextSecret} as well, and every webhook carries
 * one {@code v1,} signature per secret, so the receiver may switch keys at any moment.
 *
 * @param secret     the current {@code whsec_} signing secret
 * @param nextSecret the secret being rolled over to; null outside a rotation
 */
public record DrainTarget(String id, URI url, Secret secret, List<String> halls, List<String> tenants, Secret nextSecret) {

    public DrainTarget {
        halls = List.copyOf(halls);
        tenants = List.copyOf(tenants);
    }

    /** A target with one secret (no rotation under way). */
    public DrainTarget(String id, URI url, Secret secret, List<String> halls, List<String> tenants) {
        this(id, url, secret, halls, tenants, null);
    }

    /** The secrets every webhook is signed with: the current one, then the next one during a rotation. */
    public List<Secret> signingSecrets() {
        return nextSecret == null ? List.of(secret) : List.of(secret, nextSecret);
    }

    public boolean covers(Collection<String> scope, Collection<String> decisionTenants) {
        return halls.stream().anyMatch(scope::contains) || tenants.stream().anyMatch(decisionTenants::contains);
    }

    public DrainTarget withUrl(URI newUrl) {
        return new DrainTarget(id, newUrl, secret, halls, tenants, nextSecret);
    }
}
