package io.firebreak.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Grafana alert rules file has what Grafana's provisioning requires and alerts on silence. */
class AlertRulesProvisioningTest {

    private static final JsonNode FILE = GrafanaFiles.yaml("provisioning/alerting/firebreak-rules.yaml");

    private static Map<String, JsonNode> rulesByUid() {
        Map<String, JsonNode> rules = new HashMap<>();
        FILE.path("groups").forEach(group -> group.path("rules").forEach(rule -> rules.put(rule.path("uid").asText(), rule)));
        return rules;
    }

    @Test
    void shouldDeclareGroupsWithFolderAndIntervalWhenParsed() {
        assertThat(FILE.path("apiVersion").asInt()).isEqualTo(1);
        assertThat(FILE.path("groups").size()).isPositive();
        FILE.path("groups").forEach(group -> {
            assertThat(group.path("name").asText()).isNotBlank();
            assertThat(group.path("folder").asText()).isEqualTo("Firebreak");
            assertThat(group.path("interval").asText()).matches("\\d+[smh]");
        });
    }

    @Test
    void shouldHaveRequiredFieldsWhenAnyRuleIsParsed() {
        rulesByUid().forEach((uid, rule) -> {
            assertThat(uid).matches("[a-z0-9-]{1,40}");
            assertThat(rule.path("title").asText()).as("%s title", uid).isNotBlank();
            assertThat(rule.path("for").asText()).as("%s for", uid).matches("\\d+[smh]");
            assertThat(rule.path("execErrState").asText()).as("%s execErrState", uid).isIn("Alerting", "Error");
            assertThat(rule.path("noDataState").asText()).as("%s noDataState", uid).isIn("Alerting", "OK");
            assertThat(rule.path("labels").path("severity").asText()).as("%s severity", uid).isNotBlank();
            assertThat(rule.path("annotations").path("summary").asText()).as("%s summary", uid).isNotBlank();
            Set<String> refIds = new HashSet<>();
            for (JsonNode query : rule.path("data")) {
                String refId = query.path("refId").asText();
                refIds.add(refId);
                assertThat(query.path("model").path("refId").asText()).as("%s model refId", uid).isEqualTo(refId);
                if (query.path("datasourceUid").asText().equals("__expr__")) {
                    assertThat(query.path("model").path("type").asText()).as("%s expression type", uid).isIn("reduce", "threshold", "math");
                } else {
                    assertThat(query.path("datasourceUid").asText()).as("%s datasource", uid).isEqualTo(GrafanaFiles.DATASOURCE_UID);
                    assertThat(query.path("relativeTimeRange").path("from").asInt()).as("%s range", uid).isPositive();
                    assertThat(query.path("model").path("rawQuery").asBoolean()).as("%s rawQuery", uid).isTrue();
                    assertThat(query.path("model").path("query").asText()).as("%s InfluxQL", uid).startsWith("SELECT ").contains("$timeFilter");
                }
            }
            assertThat(refIds).as("%s condition", uid).contains(rule.path("condition").asText());
        });
    }

    @Test
    void shouldFireOnSilenceForPipelineRulesAndNotForHazardRulesWhenNoDataOrErrors() {
        Map<String, JsonNode> rules = rulesByUid();
        Map<String, String> states = new HashMap<>();
        rules.forEach((uid, rule) -> states.put(uid, rule.path("noDataState").asText() + "/" + rule.path("execErrState").asText()));

        // pipeline-dead rules: silence is the failure; hazard rules: silence is not a fire, an error is a DatasourceError
        assertThat(states).containsExactlyInAnyOrderEntriesOf(Map.of(
                "firebreak-no-pipeline-data", "Alerting/Alerting", "firebreak-heartbeat-missing", "Alerting/Alerting",
                "firebreak-detection-down", "Alerting/Alerting",
                "firebreak-room-critical", "OK/Error", "firebreak-smoke-fire-level", "OK/Error"));
        assertThat(rules.get("firebreak-room-critical").path("data").get(0).path("model").path("query").asText()).contains("FROM \"room_state\"");
    }

    @Test
    void shouldRouteEveryRuleToPagerDutyWithKeyFromEnvironmentWhenContactPointIsProvisioned() {
        JsonNode contactPoints = GrafanaFiles.yaml("provisioning/alerting/contact-points.yaml");
        JsonNode policies = GrafanaFiles.yaml("provisioning/alerting/policies.yaml");
        JsonNode receiver = contactPoints.path("contactPoints").get(0).path("receivers").get(0);

        assertThat(contactPoints.path("apiVersion").asInt()).isEqualTo(1);
        assertThat(receiver.path("type").asText()).isEqualTo("pagerduty");
        assertThat(receiver.path("settings").path("integrationKey").asText()).isEqualTo("${FIREBREAK_GRAFANA_PAGERDUTY_KEY}");
        assertThat(policies.path("policies").get(0).path("receiver").asText())
                .isEqualTo(contactPoints.path("contactPoints").get(0).path("name").asText());
        assertThat(policies.path("policies").get(0).path("group_by").toString()).contains("alertname", "site", "room");
    }

    @Test
    void shouldAlertAndNeverResolveOnSilenceWhenPipelineStops() {
        Map<String, JsonNode> rules = rulesByUid();

        assertThat(rules).containsOnlyKeys("firebreak-no-pipeline-data", "firebreak-room-critical", "firebreak-smoke-fire-level",
                "firebreak-heartbeat-missing", "firebreak-detection-down");
        assertThat(rules.get("firebreak-detection-down").path("data").get(0).path("model").path("query").asText())
                .contains("FROM \"detection\"").contains("\"members\" > 0");
        assertThat(rules.get("firebreak-heartbeat-missing").path("noDataState").asText()).isEqualTo("Alerting");
        assertThat(rules.get("firebreak-heartbeat-missing").path("data").get(0).path("model").path("query").asText())
                .contains("FROM \"delivery\"").contains("'heartbeat'");
        assertThat(rules.get("firebreak-no-pipeline-data").path("noDataState").asText()).isEqualTo("Alerting");
        assertThat(rules.get("firebreak-no-pipeline-data").path("data").get(0).path("model").path("query").asText())
                .contains("FROM \"bms_module\"");
        assertThat(rules.get("firebreak-smoke-fire-level").path("data").get(2).path("model").path("conditions").get(0)
                .path("evaluator").path("params").get(0).asDouble()).isLessThan(0.825).isGreaterThan(0.82);
        assertThat(rules.get("firebreak-room-critical").path("data").get(0).path("model").path("query").asText())
                .contains("\"level_rank\"");
    }
}
