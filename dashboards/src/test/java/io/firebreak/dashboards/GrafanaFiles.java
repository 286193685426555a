package io.firebreak.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads the Grafana files under {@code dashboards/grafana} and lists the InfluxQL queries of the dashboards. */
final class GrafanaFiles {

    static final Path ROOT = Path.of(System.getProperty("basedir", ".")).resolve("grafana");
    static final String DATASOURCE_UID = "firebreak-influxdb";

    private GrafanaFiles() {
    }

    static JsonNode yaml(String relative) {
        return read(new ObjectMapper(new YAMLFactory()), relative);
    }

    static JsonNode json(String relative) {
        return read(new ObjectMapper(), relative);
    }

    static JsonNode dashboard() {
        return json("dashboards/battery-room.json");
    }

    /** Every dashboard JSON Grafana's file provider would load, by file name. */
    static Map<String, JsonNode> dashboards() {
        Map<String, JsonNode> dashboards = new TreeMap<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("dashboards"))) {
            files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".json"))
                    .forEach(name -> dashboards.put(name, json("dashboards/" + name)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list grafana/dashboards", e);
        }
        return dashboards;
    }

    /** Every panel with queries, rows' nested panels included. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    /** Every InfluxQL query Grafana runs for the dashboard: panel targets, annotations and variables. */
    static List<String> queries(JsonNode dashboard) {
        List<String> queries = new ArrayList<>();
        panels(dashboard).forEach(panel -> panel.path("targets").forEach(t -> queries.add(t.path("query").asText())));
        dashboard.path("annotations").path("list").forEach(a -> {
            if (DATASOURCE_UID.equals(a.path("datasource").path("uid").asText())) {
                queries.add(a.path("query").asText());
            }
        });
        dashboard.path("templating").path("list").forEach(v -> queries.add(v.path("query").asText()));
        return queries;
    }

    /**
     * How a query is bounded in time: {@code picker} (Grafana's {@code $timeFilter}), {@code now} (the
     * current state: {@code time > now() - N}, whatever the picker says) or {@code latest} (one
     * {@code last()} per series over all of raw retention: the latest change, however old); or
     * {@code unbounded}, which no dashboard query may be.
     */
    static String timeScope(String query) {
        if (query.contains("$timeFilter")) {
            return "picker";
        }
        if (query.matches("(?s).*time > now\\(\\) - \\d+[smhd].*")) {
            return "now";
        }
        if (query.startsWith("SELECT last(") && !query.contains(" time ")) {
            return "latest";
        }
        if (query.startsWith("SHOW TAG VALUES")) {
            return "variable";
        }
        return "unbounded";
    }

    /** Every data link of a panel: panel links, field defaults' links and the links of its overrides. */
    static List<JsonNode> links(JsonNode panel) {
        List<JsonNode> links = new ArrayList<>();
        panel.path("links").forEach(links::add);
        panel.path("fieldConfig").path("defaults").path("links").forEach(links::add);
        panel.path("fieldConfig").path("overrides").forEach(o -> o.path("properties").forEach(p -> {
            if (p.path("id").asText().equals("links")) {
                p.path("value").forEach(links::add);
            }
        }));
        return links;
    }

    /** The names of a dashboard's template variables. */
    static List<String> variables(JsonNode dashboard) {
        List<String> names = new ArrayList<>();
        dashboard.path("templating").path("list").forEach(v -> names.add(v.path("name").asText()));
        return names;
    }

    private static JsonNode read(ObjectMapper mapper, String relative) {
        try {
            return mapper.readTree(ROOT.resolve(relative).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read grafana/" + relative, e);
        }
    }
}
