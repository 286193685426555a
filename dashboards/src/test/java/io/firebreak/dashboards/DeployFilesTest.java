package io.firebreak.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What deploys Firebreak holds together without a Docker engine or a cluster: the image builds from
 * source on pinned bases and runs unprivileged with a health check; compose pins every image, checks
 * every service's health and waits on it; the Kubernetes example runs ingest with stable identities and
 * probes the management port its configuration opens.
 */
class DeployFilesTest {

    private static final Path REPO = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static String read(String relative) throws IOException {
        return Files.readString(REPO.resolve(relative));
    }

    private static Map<String, JsonNode> k8sByKindAndName() throws IOException {
        Map<String, JsonNode> objects = new HashMap<>();
        try (var files = Files.list(REPO.resolve("deploy/k8s"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                var parser = new YAMLFactory().createParser(file.toFile());
                YAMLMapper mapper = new YAMLMapper();
                mapper.readValues(parser, JsonNode.class).readAll().stream().filter(d -> d != null && d.has("kind"))
                        .forEach(d -> objects.put(d.path("kind").asText() + "/" + d.path("metadata").path("name").asText(), d));
            }
        }
        return objects;
    }

    @Test
    void shouldBuildFromSourceOnPinnedBasesAndRunUnprivilegedWithHealthCheckWhenDockerfileIsRead() throws IOException {
        String dockerfile = read("deploy/Dockerfile");
        List<String> bases = new ArrayList<>();
        Matcher from = Pattern.compile("(?m)^FROM (\\S+)").matcher(dockerfile);
        while (from.find()) {
            bases.add(from.group(1));
        }

        assertThat(bases).hasSizeGreaterThanOrEqualTo(2).allSatisfy(base ->
                assertThat(base).as("pinned base").matches("[a-z./-]+:\\d[\\w.-]*").doesNotContain(":latest"));
        assertThat(bases.get(0)).startsWith("maven:");
        assertThat(dockerfile).contains("mvn -B -q -DskipTests", "AS build", "AS runtime", "AS demo")
                .contains("USER 10001").contains("HEALTHCHECK").contains("/healthz")
                .contains("FIREBREAK_LOG_FORMAT").contains("firebreak-logback-json.xml").contains("firebreak-logback.xml")
                // the services' image carries neither the embedded brokers nor the Streams test utilities
                .contains("! ls /runtime/lib | grep -E '^(firebreak-embedded|kafka_2\\.|kafka-server-|hivemq-|scala-|kafka-streams-test-utils)'");
        // the runtime stage is the last one: what `docker build` gives without --target
        assertThat(dockerfile.lastIndexOf("AS runtime")).isGreaterThan(dockerfile.lastIndexOf("AS demo"));
        assertThat(REPO.resolve("app/src/main/resources/firebreak-logback-json.xml")).isRegularFile();
        assertThat(read(".dockerignore")).contains("**/target", "deploy/.env");
    }

    @Test
    void shouldPinImagesCheckHealthAndWaitOnItWhenComposeIsRead() throws IOException {
        JsonNode services = YAML.readTree(REPO.resolve("docker-compose.yml").toFile()).path("services");
        String kafkaVersion = read("pom.xml").replaceAll("(?s).*<kafka.version>([^<]+)</kafka.version>.*", "$1");

        services.fields().forEachRemaining(service -> {
            String image = service.getValue().path("image").asText();
            assertThat(image).as("%s image", service.getKey()).matches("[a-z./-]+:[\\w.-]+").doesNotEndWith(":latest");
            assertThat(image).as("%s image tag is a version", service.getKey()).matches(".*:(\\d[\\w.-]*|local)");
        });
        assertThat(services.path("kafka").path("image").asText()).isEqualTo("apache/kafka:" + kafkaVersion);
        for (String name : List.of("kafka", "mosquitto", "influxdb", "grafana")) {
            assertThat(services.path(name).path("healthcheck").path("test").isMissingNode()).as("%s healthcheck", name).isFalse();
        }
        for (String dependency : List.of("kafka", "mosquitto", "influxdb")) {
            assertThat(services.path("firebreak").path("depends_on").path(dependency).path("condition").asText())
                    .as("firebreak waits for %s", dependency).isEqualTo("service_healthy");
        }
        assertThat(services.path("grafana").path("depends_on").path("influxdb").path("condition").asText()).isEqualTo("service_healthy");
        assertThat(services.path("firebreak").path("ports").toString()).contains("9464:9464", "8095:8095");
        assertThat(services.path("grafana").path("environment").path("FIREBREAK_GRAFANA_PAGERDUTY_KEY").asText())
                .startsWith("${FIREBREAK_GRAFANA_PAGERDUTY_KEY:?");
        assertThat(services.path("simulate").path("profiles").toString()).contains("simulate");
        assertThat(services.path("firebreak").path("environment").path("FIREBREAK_MANAGEMENT_PORT").asText())
                .isEqualTo(YAML.readTree(REPO.resolve("deploy/firebreak.yaml").toFile()).path("management").path("port").asText());
    }

    @Test
    void shouldRunIngestWithStableClientIdsAndProbeTheManagementPortWhenK8sExampleIsRead() throws IOException {
        Map<String, JsonNode> objects = k8sByKindAndName();
        JsonNode config = YAML.readTree(objects.get("ConfigMap/firebreak-config").path("data").path("firebreak.yaml").asText());
        int managementPort = config.path("management").path("port").asInt();

        assertThat(objects).containsKeys("StatefulSet/firebreak-ingest", "Deployment/firebreak-detect", "Deployment/firebreak-alert",
                "Deployment/firebreak-sink", "Service/firebreak-ingest", "Service/firebreak-operator");
        assertThat(config.path("mqtt").path("client_id").asText()).isEqualTo("POD_NAME");
        assertThat(config.path("management").path("host").asText()).isEqualTo("0.0.0.0");
        JsonNode ingest = objects.get("StatefulSet/firebreak-ingest").path("spec");
        assertThat(ingest.path("serviceName").asText()).isEqualTo("firebreak-ingest");
        JsonNode render = ingest.path("template").path("spec").path("initContainers").get(0);
        assertThat(render.path("command").toString()).contains("client_id: POD_NAME/client_id: $POD_NAME");
        assertThat(render.path("env").get(0).path("valueFrom").path("fieldRef").path("fieldPath").asText()).isEqualTo("metadata.name");
        objects.forEach((key, object) -> {
            if (!key.startsWith("StatefulSet/") && !key.startsWith("Deployment/")) {
                return;
            }
            JsonNode container = object.path("spec").path("template").path("spec").path("containers").get(0);
            String service = key.substring(key.indexOf("/firebreak-") + "/firebreak-".length());
            assertThat(container.path("args").get(0).asText()).as("%s command", key).isEqualTo(service);
            assertThat(container.path("ports").toString()).as("%s ports", key).contains("\"containerPort\":" + managementPort);
            assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).as("%s liveness", key).isEqualTo("/healthz");
            assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).as("%s readiness", key).isEqualTo("/readyz");
            assertThat(container.path("livenessProbe").path("httpGet").path("port").asText()).as("%s probe port", key).isEqualTo("management");
            assertThat(object.path("spec").path("template").path("spec").path("securityContext").path("runAsNonRoot").asBoolean())
                    .as("%s non-root", key).isTrue();
        });
        assertThat(read("deploy/k8s/README.md")).contains("StatefulSet", "kubectl apply -k deploy/k8s");
    }
}
