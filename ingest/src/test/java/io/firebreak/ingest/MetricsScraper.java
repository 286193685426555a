package io.firebreak.ingest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Scrapes ingest's Prometheus endpoint over HTTP, as Prometheus would, and reads single series from it. */
final class MetricsScraper {

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI uri;

    MetricsScraper(int port) {
        this.uri = URI.create("http://127.0.0.1:" + port + "/metrics");
    }

    HttpResponse<String> get() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The value of one series, e.g. {@code firebreak_ingest_rejected_total{reason="not_json"}}; 0 if absent. */
    double value(String series) throws IOException, InterruptedException {
        return valueIn(get().body(), series);
    }

    static double valueIn(String text, String series) {
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]);
            }
        }
        return 0;
    }

    /** The sum of every series of a metric name, whatever its labels. */
    static double sumIn(String text, String name) {
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                String[] parts = line.substring(line.lastIndexOf(line.contains("}") ? '}' : ' ') + 1).trim().split(" ");
                sum += Double.parseDouble(parts[0]);
            }
        }
        return sum;
    }
}
