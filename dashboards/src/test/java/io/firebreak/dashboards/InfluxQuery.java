package io.firebreak.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs InfluxQL against a real InfluxDB's {@code /query} endpoint, as Grafana does, with times in epoch ms. */
final class InfluxQuery {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String url;
    private final String database;

    InfluxQuery(String url, String database) {
        this.url = url;
        this.database = database;
    }

    /** The first statement's result: {@code series} or {@code error}. */
    JsonNode run(String influxQl) {
        URI uri = URI.create(url + "/query?epoch=ms&db=" + database + "&q=" + URLEncoder.encode(influxQl, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = MAPPER.readTree(response.body());
            if (body.has("error")) {
                return body;
            }
            return body.path("results").get(0);
        } catch (IOException e) {
            throw new IllegalStateException("query failed: " + influxQl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Every row of every series as column name to value, numbers as doubles, nulls left out. */
    List<Map<String, Object>> rows(String influxQl) {
        JsonNode result = run(influxQl);
        if (result.has("error")) {
            throw new IllegalStateException(result.path("error").asText() + " in " + influxQl);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode series : result.path("series")) {
            for (JsonNode values : series.path("values")) {
                Map<String, Object> row = new LinkedHashMap<>();
                series.path("tags").properties().forEach(tag -> row.put(tag.getKey(), tag.getValue().asText()));
                for (int i = 0; i < values.size(); i++) {
                    JsonNode value = values.get(i);
                    if (!value.isNull()) {
                        row.put(series.path("columns").get(i).asText(), value.isNumber() ? (Object) value.asDouble() : value.asText());
                    }
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
