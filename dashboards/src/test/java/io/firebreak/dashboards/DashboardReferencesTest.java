package io.firebreak.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Everything a dashboard refers to exists: every panel's and query's datasource is a provisioned one,
 * every link goes to a provisioned dashboard and sets only variables that dashboard has, and every
 * variable a query, a link or another variable uses is defined (or one Grafana provides).
 */
class DashboardReferencesTest {

    private static final Map<String, JsonNode> DASHBOARDS = GrafanaFiles.dashboards();
    /** Variables Grafana itself provides in queries and links. */
    private static final Set<String> BUILT_IN = Set.of("timeFilter", "__interval", "__url_time_range", "col");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)(?:[:.][^}&]*)?}?");
    private static final Pattern LINK = Pattern.compile("^/d/([a-z0-9-]+)/[a-z0-9-]+\\?(.*)$");

    private static Set<String> provisionedDatasources() {
        Set<String> uids = new HashSet<>();
        GrafanaFiles.yaml("provisioning/datasources/firebreak-influxdb.yaml").path("datasources")
                .forEach(ds -> uids.add(ds.path("uid").asText()));
        return uids;
    }

    private static Map<String, JsonNode> dashboardsByUid() {
        Map<String, JsonNode> byUid = new HashMap<>();
        DASHBOARDS.values().forEach(d -> byUid.put(d.path("uid").asText(), d));
        return byUid;
    }

    private static List<String> used(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void shouldUseOnlyProvisionedDatasourcesWhenAnyPanelOrQueryNamesOne() {
        Set<String> provisioned = provisionedDatasources();
        List<String> unresolved = new ArrayList<>();
        DASHBOARDS.forEach((file, dashboard) -> {
            for (JsonNode panel : GrafanaFiles.panels(dashboard)) {
                String where = file + " / " + panel.path("title").asText();
                if (!panel.path("type").asText().equals("text") && !provisioned.contains(panel.path("datasource").path("uid").asText())) {
                    unresolved.add(where + ": panel datasource " + panel.path("datasource"));
                }
                panel.path("targets").forEach(t -> {
                    if (!provisioned.contains(t.path("datasource").path("uid").asText())) {
                        unresolved.add(where + ": target datasource " + t.path("datasource"));
                    }
                });
            }
            dashboard.path("templating").path("list").forEach(v -> {
                if (!provisioned.contains(v.path("datasource").path("uid").asText())) {
                    unresolved.add(file + ": variable " + v.path("name").asText());
                }
            });
            dashboard.path("annotations").path("list").forEach(a -> {
                String uid = a.path("datasource").path("uid").asText();
                if (!provisioned.contains(uid) && !uid.equals("-- Grafana --") && !uid.equals("grafana")) {
                    unresolved.add(file + ": annotation " + a.path("name").asText());
                }
            });
        });

        assertThat(provisioned).contains(GrafanaFiles.DATASOURCE_UID);
        assertThat(unresolved).isEmpty();
    }

    @Test
    void shouldLinkOnlyToProvisionedDashboardsAndTheirVariablesWhenAnyLinkIsFollowed() {
        Map<String, JsonNode> byUid = dashboardsByUid();
        List<String> unresolved = new ArrayList<>();
        int links = 0;
        for (Map.Entry<String, JsonNode> entry : DASHBOARDS.entrySet()) {
            JsonNode source = entry.getValue();
            List<JsonNode> all = new ArrayList<>();
            source.path("links").forEach(l -> {
                if (l.path("type").asText().equals("link")) {
                    all.add(l);
                }
            });
            GrafanaFiles.panels(source).forEach(p -> all.addAll(GrafanaFiles.links(p)));
            for (JsonNode link : all) {
                links++;
                String url = link.path("url").asText();
                String where = entry.getKey() + " -> " + url;
                Matcher m = LINK.matcher(url);
                if (!m.matches() || !byUid.containsKey(m.group(1))) {
                    unresolved.add(where + ": not a provisioned dashboard");
                    continue;
                }
                List<String> targetVariables = GrafanaFiles.variables(byUid.get(m.group(1)));
                for (String param : m.group(2).split("&")) {
                    if (param.startsWith("var-") && !targetVariables.contains(param.substring(4, param.indexOf('=')))) {
                        unresolved.add(where + ": target has no variable " + param);
                    }
                    Matcher queryParam = Pattern.compile("^\\$\\{(\\w+):queryparam}$").matcher(param);
                    if (queryParam.matches() && (!targetVariables.contains(queryParam.group(1))
                            || !GrafanaFiles.variables(source).contains(queryParam.group(1)))) {
                        unresolved.add(where + ": variable " + queryParam.group(1) + " missing on one side");
                    }
                }
            }
        }

        assertThat(links).as("site -> room -> rack links").isGreaterThanOrEqualTo(8);
        assertThat(unresolved).isEmpty();
    }

    @Test
    void shouldDefineEveryVariableWhenQueriesLinksOrOtherVariablesUseOne() {
        List<String> unresolved = new ArrayList<>();
        DASHBOARDS.forEach((file, dashboard) -> {
            List<String> defined = new ArrayList<>();
            // a variable's query may use only the variables defined before it (Grafana resolves them in order)
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                used(variable.path("query").asText()).stream().filter(v -> !defined.contains(v))
                        .forEach(v -> unresolved.add(file + ": variable " + variable.path("name").asText() + " uses $" + v));
                defined.add(variable.path("name").asText());
            }
            for (JsonNode panel : GrafanaFiles.panels(dashboard)) {
                List<String> texts = new ArrayList<>();
                panel.path("targets").forEach(t -> texts.add(t.path("query").asText()));
                GrafanaFiles.links(panel).forEach(l -> texts.add(l.path("url").asText()));
                for (String text : texts) {
                    used(text).stream().filter(v -> !defined.contains(v) && !BUILT_IN.contains(v) && !v.startsWith("tag_")
                                    && !v.startsWith("__field") && !v.startsWith("__data"))
                            .forEach(v -> unresolved.add(file + " / " + panel.path("title").asText() + ": $" + v));
                }
                // $tag_x in an alias needs x in the GROUP BY of its query
                panel.path("targets").forEach(t -> used(t.path("alias").asText()).stream().filter(v -> v.startsWith("tag_"))
                        .filter(v -> !t.path("query").asText().matches("(?s).*GROUP BY.*\"" + v.substring(4) + "\".*"))
                        .forEach(v -> unresolved.add(file + " / " + panel.path("title").asText() + ": alias $" + v + " not grouped")));
            }
            GrafanaFiles.queries(dashboard).forEach(q -> used(q).stream()
                    .filter(v -> !defined.contains(v) && !BUILT_IN.contains(v))
                    .forEach(v -> unresolved.add(file + ": $" + v + " in " + q)));
        });

        assertThat(unresolved).isEmpty();
    }
}
