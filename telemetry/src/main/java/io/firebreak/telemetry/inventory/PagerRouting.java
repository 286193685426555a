package io.firebreak.telemetry.inventory;

import java.net.URI;
import java.util.Map;

/**
 * Where pages go: an Events-v2 URL, the facility team's routing key (every page) and one routing key
 * per tenant (pages about rooms that power that tenant).
 */
public record PagerRouting(URI url, Secret facilityRoutingKey, Map<String, Secret> tenantRoutingKeys) {

    public PagerRouting {
        tenantRoutingKeys = Map.copyOf(tenantRoutingKeys);
    }

    public PagerRouting withUrl(URI newUrl) {
        return new PagerRouting(newUrl, facilityRoutingKey, tenantRoutingKeys);
    }
}
