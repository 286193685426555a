package io.firebreak.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrafanaProvisioningTest {

    @Test
    void shouldDeclareInfluxDatasourceWhenGrafanaProvisionsIt() {
        JsonNode file = GrafanaFiles.yaml("provisioning/datasources/firebreak-influxdb.yaml");

        assertThat(file.path("apiVersion").asInt()).isEqualTo(1);
        JsonNode datasource = file.path("datasources").get(0);
        assertThat(datasource.path("name").asText()).isNotBlank();
        assertThat(datasource.path("type").asText()).isEqualTo("influxdb");
        assertThat(datasource.path("access").asText()).isEqualTo("proxy");
        assertThat(datasource.path("url").asText()).isEqualTo("http://influxdb:8086");
        assertThat(datasource.path("uid").asText()).isEqualTo(GrafanaFiles.DATASOURCE_UID);
        assertThat(datasource.path("jsonData").path("dbName").asText()).isEqualTo("firebreak");
    }

    @Test
    void shouldPointFileProviderAtDashboardDirWhenGrafanaLoadsDashboards() {
        JsonNode file = GrafanaFiles.yaml("provisioning/dashboards/firebreak.yaml");

        assertThat(file.path("apiVersion").asInt()).isEqualTo(1);
        JsonNode provider = file.path("providers").get(0);
        assertThat(provider.path("name").asText()).isNotBlank();
        assertThat(provider.path("type").asText()).isEqualTo("file");
        assertThat(provider.path("options").path("path").asText()).isEqualTo("/var/lib/grafana/dashboards/firebreak");
    }

    @Test
    void shouldHaveIdentityAndVariablesWhenDashboardIsParsed() {
        JsonNode dashboard = GrafanaFiles.dashboard();

        assertThat(dashboard.path("uid").asText()).isEqualTo("firebreak-battery-room");
        assertThat(dashboard.path("title").asText()).isEqualTo("Firebreak - Battery room");
        assertThat(dashboard.path("schemaVersion").asInt()).isBetween(36, 41);
        List<String> variables = new ArrayList<>();
        dashboard.path("templating").path("list").forEach(v -> variables.add(v.path("name").asText()));
        assertThat(variables).containsExactly("site", "room");
        assertThat(dashboard.path("templating").path("list").get(0).path("query").asText())
                .isEqualTo("SHOW TAG VALUES FROM \"bms_module\" WITH KEY = \"site\"");
    }

    @Test
    void shouldUseRawInfluxQlScopedToRoomWhenPanelsQuery() {
        JsonNode panels = GrafanaFiles.dashboard().path("panels");

        assertThat(panels.size()).isGreaterThanOrEqualTo(8);
        List<String> titles = new ArrayList<>();
        for (JsonNode panel : panels) {
            titles.add(panel.path("title").asText());
            assertThat(panel.path("type").asText()).as("type of %s", panel.path("title")).isNotBlank();
            assertThat(panel.path("gridPos").path("w").asInt()).isPositive();
            assertThat(panel.path("targets").size()).as("targets of %s", panel.path("title")).isPositive();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("rawQuery").asBoolean()).isTrue();
                assertThat(target.path("datasource").path("uid").asText()).isEqualTo(GrafanaFiles.DATASOURCE_UID);
                assertThat(GrafanaFiles.timeScope(target.path("query").asText())).isIn("picker", "now", "latest");
            }
        }
        assertThat(titles).contains("Max cell temperature per rack", "Temperature spread per rack",
                "Smoke obscuration per sensor", "Off-gas per sensor (VOC / CO / H2)", "UPS output on", "Gateway online",
                "Drain decisions");
        assertThat(panels.get(0).path("targets").get(0).path("query").asText()).isEqualTo(
                "SELECT max(\"t_max\") FROM \"bms_module\" WHERE \"site\" =~ /^$site$/ AND \"room\" =~ /^$room$/"
                        + " AND $timeFilter GROUP BY time($__interval), \"rack\" fill(null)");
    }

    @Test
    void shouldDrawSmokeThresholdLinesWhenShowingSmoke() {
        JsonNode smoke = null;
        for (JsonNode panel : GrafanaFiles.dashboard().path("panels")) {
            if (panel.path("title").asText().startsWith("Smoke")) {
                smoke = panel;
            }
        }
        assertThat(smoke).isNotNull();
        List<Double> steps = new ArrayList<>();
        smoke.path("fieldConfig").path("defaults").path("thresholds").path("steps")
                .forEach(step -> { if (!step.path("value").isNull()) { steps.add(step.path("value").asDouble()); } });
        assertThat(steps).containsExactly(0.04, 0.165, 0.825);
        assertThat(smoke.path("fieldConfig").path("defaults").path("custom").path("thresholdsStyle").path("mode").asText())
                .isEqualTo("line");
    }

    @Test
    void shouldAnnotateFromAlertAndDrainWhenDashboardLoads() {
        List<String> measurements = new ArrayList<>();
        GrafanaFiles.dashboard().path("annotations").path("list").forEach(a -> {
            if (GrafanaFiles.DATASOURCE_UID.equals(a.path("datasource").path("uid").asText())) {
                assertThat(a.path("textColumn").asText()).isNotBlank();
                measurements.add(a.path("query").asText().replaceAll(".* FROM \"([a-z_]+)\".*", "$1"));
            }
        });
        assertThat(measurements).containsExactly("alert", "drain", "operator_action", "delivery");
    }
}
