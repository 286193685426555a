package io.firebreak.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every dashboard file carries what Grafana's file provider requires, and each dashboard what its operators need. */
class DashboardFilesTest {

    private static final Map<String, JsonNode> DASHBOARDS = GrafanaFiles.dashboards();

    private static List<String> titles(JsonNode dashboard) {
        List<String> titles = new ArrayList<>();
        GrafanaFiles.panels(dashboard).forEach(panel -> titles.add(panel.path("title").asText()));
        return titles;
    }

    private static List<String> variables(JsonNode dashboard) {
        List<String> names = new ArrayList<>();
        dashboard.path("templating").path("list").forEach(v -> names.add(v.path("name").asText()));
        return names;
    }

    @Test
    void shouldProvisionFourDashboardsWithUniqueIdentityWhenFilesAreListed() {
        Set<String> uids = new HashSet<>();
        DASHBOARDS.values().forEach(d -> uids.add(d.path("uid").asText()));

        assertThat(DASHBOARDS).containsOnlyKeys("battery-room.json", "pipeline-health.json", "rack.json", "site-overview.json");
        assertThat(uids).containsExactlyInAnyOrder("firebreak-battery-room", "firebreak-pipeline-health", "firebreak-rack",
                "firebreak-site-overview");
    }

    @Test
    void shouldHaveFieldsGrafanaRequiresWhenAnyDashboardIsParsed() {
        DASHBOARDS.forEach((file, dashboard) -> {
            assertThat(dashboard.path("title").asText()).as("%s title", file).startsWith("Firebreak - ");
            assertThat(dashboard.path("uid").asText()).as("%s uid", file).matches("[a-z0-9-]{1,40}");
            assertThat(dashboard.path("schemaVersion").asInt()).as("%s schemaVersion", file).isBetween(36, 41);
            assertThat(dashboard.path("id").isNull()).as("%s id must be null for provisioning", file).isTrue();
            assertThat(dashboard.path("description").asText()).as("%s description", file).isNotBlank();
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : GrafanaFiles.panels(dashboard)) {
                String where = file + " / " + panel.path("title").asText();
                assertThat(ids.add(panel.path("id").asInt())).as("%s unique id", where).isTrue();
                assertThat(panel.path("type").asText()).as("%s type", where).isNotBlank();
                assertThat(panel.path("gridPos").path("w").asInt()).as("%s width", where).isBetween(1, 24);
                assertThat(panel.path("gridPos").path("h").asInt()).as("%s height", where).isPositive();
                if (panel.path("type").asText().equals("text")) {
                    continue;
                }
                assertThat(panel.path("targets").size()).as("%s targets", where).isPositive();
                for (JsonNode target : panel.path("targets")) {
                    assertThat(target.path("refId").asText()).as("%s refId", where).isNotBlank();
                    assertThat(target.path("rawQuery").asBoolean()).as("%s rawQuery", where).isTrue();
                    assertThat(target.path("datasource").path("uid").asText()).as("%s datasource", where).isEqualTo(GrafanaFiles.DATASOURCE_UID);
                    String scope = GrafanaFiles.timeScope(target.path("query").asText());
                    assertThat(scope).as("%s time bound", where).isIn("picker", "now", "latest");
                    if (!scope.equals("picker")) {
                        // a panel that ignores the time picker says so, and says what no data means
                        assertThat(panel.path("description").asText()).as("%s says it is current", where)
                                .containsAnyOf("time picker", "time range");
                        assertThat(panel.path("fieldConfig").path("defaults").path("noValue").asText()).as("%s noValue", where).isNotBlank();
                    }
                }
            }
            dashboard.path("templating").path("list").forEach(v -> {
                assertThat(v.path("type").asText()).as("%s variable type", file).isEqualTo("query");
                assertThat(v.path("datasource").path("uid").asText()).as("%s variable datasource", file).isEqualTo(GrafanaFiles.DATASOURCE_UID);
                assertThat(v.path("query").asText()).as("%s variable query", file).startsWith("SHOW TAG VALUES");
            });
        });
    }

    @Test
    void shouldShowRiskAlertsDrainsTenantsAndTelemetryAgeWhenSiteOverviewLoads() {
        JsonNode overview = DASHBOARDS.get("site-overview.json");

        assertThat(titles(overview)).contains("Room risk level", "Active alerts", "Drains and tenants affected", "Time since last telemetry");
        assertThat(variables(overview)).containsExactly("site");
    }

    @Test
    void shouldShowHeatMapsVoltagePowerPathAndThresholdsWhenBatteryRoomLoads() {
        JsonNode room = DASHBOARDS.get("battery-room.json");

        assertThat(titles(room)).contains("Rack heat map: max cell temperature", "Rack heat map: deviation from peers",
                "Voltage spread per rack", "Power path state", "Smoke obscuration per sensor", "Off-gas per sensor (VOC / CO / H2)");
        JsonNode offGas = GrafanaFiles.panels(room).stream().filter(p -> p.path("title").asText().startsWith("Off-gas")).findFirst().orElseThrow();
        List<Double> limits = new ArrayList<>();
        offGas.path("fieldConfig").path("overrides").forEach(o -> limits.add(o.path("properties").get(0).path("value").path("steps").get(1).path("value").asDouble()));
        assertThat(limits).containsExactly(20.0, 50.0, 10.0);
    }

    @Test
    void shouldDrillDownBySiteRoomAndRackWhenRackDashboardLoads() {
        JsonNode rack = DASHBOARDS.get("rack.json");

        assertThat(variables(rack)).containsExactly("site", "room", "rack");
        assertThat(titles(rack)).contains("Max cell temperature per module", "Min cell voltage per module", "Modules now");
        // module ids repeat in every rack: a module's series is always its rack's and module's
        GrafanaFiles.panels(rack).forEach(p -> p.path("targets").forEach(t ->
                assertThat(t.path("query").asText()).contains("\"rack\" =~ /^$rack$/").contains("GROUP BY").matches("(?s).*\"rack\", \"module\".*")));
    }

    @Test
    void shouldShowCurrentLevelAndAliveServicesRegardlessOfTimePickerWhenSiteOverviewLoads() {
        JsonNode overview = DASHBOARDS.get("site-overview.json");
        Map<String, String> queryByTitle = new java.util.HashMap<>();
        GrafanaFiles.panels(overview).forEach(p -> queryByTitle.put(p.path("title").asText(), p.path("targets").path(0).path("query").asText()));

        assertThat(queryByTitle.get("Room risk level")).contains("FROM \"room_state\"").doesNotContain("$timeFilter");
        assertThat(queryByTitle.get("Time since last telemetry")).contains("\"telemetry_age_s\"").doesNotContain("$timeFilter");
        assertThat(titles(overview)).contains("Firebreak alive: readings (ingest)", "Firebreak alive: detection",
                "Firebreak alive: InfluxDB sink", "Firebreak alive: alerting heartbeat", "Firebreak alive: sink lag < 1000");
        assertThat(queryByTitle.get("Firebreak alive: detection")).contains("FROM \"detection\"").contains("\"members\" > 0")
                .doesNotContain("$timeFilter");
        GrafanaFiles.panels(overview).stream().filter(p -> p.path("title").asText().startsWith("Firebreak alive"))
                .forEach(p -> assertThat(p.path("fieldConfig").path("defaults").path("noValue").asText()).startsWith("DEAD"));
    }

    @Test
    void shouldLeaveGapsAndSayNoDataWhenDataIsMissing() {
        DASHBOARDS.forEach((file, dashboard) -> GrafanaFiles.panels(dashboard).forEach(panel -> {
            String where = file + " / " + panel.path("title").asText();
            JsonNode defaults = panel.path("fieldConfig").path("defaults");
            if (panel.path("type").asText().equals("timeseries")) {
                assertThat(defaults.path("custom").path("spanNulls").asBoolean(true)).as("%s spanNulls", where).isFalse();
            }
            if (!panel.path("type").asText().equals("text")) {
                assertThat(defaults.path("noValue").asText()).as("%s noValue", where).isNotBlank();
            }
        }));
    }

    @Test
    void shouldCoverIngestDeadLettersLagAndStaleSensorsWhenPipelineHealthLoads() {
        assertThat(titles(DASHBOARDS.get("pipeline-health.json"))).contains("Readings stored per interval", "Dead letters by reason",
                "Historical readings", "Sink consumer lag per topic", "Sink writes and failures", "Stale BMS modules",
                "Stale room sensors and devices");
    }

    @Test
    void shouldGraphWebhookAndPagerDeliveryWhenPipelineHealthLoads() {
        JsonNode health = DASHBOARDS.get("pipeline-health.json");
        List<String> deliveryQueries = new ArrayList<>();
        GrafanaFiles.queries(health).stream().filter(q -> q.contains("FROM \"delivery\"")).forEach(deliveryQueries::add);

        assertThat(titles(health)).contains("Delivery attempts per interval", "Failed delivery attempts by target",
                "Delivery latency by target", "Latest failed delivery attempts", "Undelivered: drain and page both failing");
        assertThat(titles(health)).noneMatch(title -> title.contains("delivery") && title.startsWith("Not measured"));
        assertThat(deliveryQueries).hasSize(6).allSatisfy(q -> assertThat(q).contains("\"site\" =~ /^$site$/"));
    }
}
