package io.firebreak.telemetry.inventory;

import java.util.List;
import java.util.Map;

/** The YAML shape of a site inventory, before validation. Every field may be missing here. */
final class InventoryFile {

    private InventoryFile() {
    }

    record SiteSpec(String site, String name, List<RoomSpec> rooms, Map<String, HallSpec> halls,
                    List<TargetSpec> drainTargets, PagerSpec pager) {
    }

    record RoomSpec(String id, String name, String gateway, List<String> feeds, List<RackSpec> racks,
                    List<SensorSpec> envSensors, List<PanelSpec> firePanels, List<DeviceSpec> powerDevices,
                    String chemistry) {
    }

    /**
     * One rack, or several alike when {@code ids} is given instead of {@code id}; its modules' topic ids as a
     * list ({@code module_ids}) or a pattern ({@code module_pattern}, e.g. {@code module-{n}}).
     */
    record RackSpec(String id, List<String> ids, String zone, Integer modules, Integer cellsPerModule,
                    Integer probesPerModule, List<String> moduleIds, String modulePattern, String chemistry) {
    }

    record SensorSpec(String id, String zone) {
    }

    record PanelSpec(String id, List<String> zones) {
    }

    record DeviceSpec(String id, String kind) {
    }

    record HallSpec(List<String> tenants) {
    }

    record TargetSpec(String id, String url, String secret, String secretEnv, List<String> halls, List<String> tenants,
                      String nextSecret, String nextSecretEnv) {
    }

    record PagerSpec(String url, String routingKey, String routingKeyEnv, Map<String, TenantPagerSpec> tenants) {
    }

    record TenantPagerSpec(String routingKey, String routingKeyEnv) {
    }
}
