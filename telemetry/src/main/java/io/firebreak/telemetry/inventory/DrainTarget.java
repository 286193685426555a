package io.firebreak.telemetry.inventory;

import java.net.URI;
import java.util.Collection;
import java.util.List;

/**
 * A traffic system that takes drain webhooks for some halls or tenants. It receives a decision when the
 * decision's scope includes one of its halls or its tenants include one of its tenants.
 */
public record DrainTarget(String id, URI url, Secret secret, List<String> halls, List<String> tenants) {

    public DrainTarget {
        halls = List.copyOf(halls);
        tenants = List.copyOf(tenants);
    }

    public boolean covers(Collection<String> scope, Collection<String> decisionTenants) {
        return halls.stream().anyMatch(scope::contains) || tenants.stream().anyMatch(decisionTenants::contains);
    }

    public DrainTarget withUrl(URI newUrl) {
        return new DrainTarget(id, newUrl, secret, halls, tenants);
    }
}
