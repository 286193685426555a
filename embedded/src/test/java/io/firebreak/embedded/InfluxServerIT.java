package io.firebreak.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InfluxServerIT {

    private static InfluxServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void startServer() {
        server = InfluxServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
            assertThat(FreePorts.isListening(server.port())).isFalse();
        }
    }

    @Test
    void pingAnswers204() throws Exception {
        HttpResponse<String> ping = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/ping")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ping.statusCode()).isEqualTo(204);
        assertThat(ping.headers().firstValue("X-Influxdb-Version")).hasValueSatisfying(v -> assertThat(v).startsWith("1."));
    }

    @Test
    void writeAndQueryBack() throws Exception {
        HttpResponse<String> created = post("/query", "q=" + enc("CREATE DATABASE x"), "application/x-www-form-urlencoded");
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.body()).doesNotContain("error");

        HttpResponse<String> written = post("/write?db=x&precision=s",
                "battery_temp,room=br1,sensor=s7 celsius=41.5 1700000000", "text/plain");
        assertThat(written.statusCode()).as(written.body()).isEqualTo(204);

        HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(server.url()
                        + "/query?db=x&epoch=s&q=" + enc("SELECT celsius, sensor FROM battery_temp WHERE room='br1'")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body())
                .contains("\"name\":\"battery_temp\"")
                .contains("[1700000000,41.5,\"s7\"]");
    }

    private HttpResponse<String> post(String path, String body, String contentType) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
