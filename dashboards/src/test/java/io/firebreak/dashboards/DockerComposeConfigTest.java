package io.firebreak.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The production layout in {@code docker-compose.yml} at the repository root is valid for
 * {@code docker-compose} (the Debian package) and wires the services as documented. No container runs.
 */
class DockerComposeConfigTest {

    private static final Path REPO = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    private static final Path COMPOSE = REPO.resolve("docker-compose.yml");

    @Test
    void shouldPassDockerComposeConfigWhenLayoutIsValidated() throws Exception {
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder("docker-compose", "-f", COMPOSE.toString(), "config", "--quiet")
                    .directory(REPO.toFile()).redirectErrorStream(true);
            // what deploy/mosquitto/make-passwd.sh writes to deploy/.env; compose refuses to start without it
            builder.environment().put("FIREBREAK_MQTT_PASSWORD", "fake-for-config-check");
            builder.environment().put("FIREBREAK_GRAFANA_PAGERDUTY_KEY", "fake-for-config-check");
            process = builder.start();
        } catch (IOException e) {
            fail("docker-compose is not installed: install the Debian package docker-compose "
                    + "(apt-get install -y docker-compose) to validate " + COMPOSE + " (" + e.getMessage() + ")");
            return;
        }
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!exited) {
            process.destroyForcibly();
        }

        assertThat(exited).as("docker-compose config finished").isTrue();
        assertThat(process.exitValue()).as("docker-compose config --quiet: %s", output).isZero();
    }

    @Test
    void shouldWireServicesAndMountProvisioningWhenComposeFileIsRead() throws IOException {
        JsonNode services = new ObjectMapper(new YAMLFactory()).readTree(COMPOSE.toFile()).path("services");
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);

        assertThat(names).containsExactlyInAnyOrder("kafka", "mosquitto", "influxdb", "grafana", "firebreak", "simulate");
        assertThat(services.path("kafka").path("image").asText()).startsWith("apache/kafka:");
        assertThat(services.path("kafka").path("environment").path("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
        assertThat(services.path("influxdb").path("image").asText()).startsWith("influxdb:1.");
        assertThat(services.path("grafana").path("volumes").toString()).contains(
                "./dashboards/grafana/provisioning:/etc/grafana/provisioning", "./dashboards/grafana/dashboards:/var/lib/grafana/dashboards/firebreak");
        assertThat(services.path("mosquitto").path("volumes").toString()).contains("./deploy/mosquitto/mosquitto.conf:",
                "./deploy/mosquitto/passwd:/mosquitto/config/passwd", "./deploy/mosquitto/acl:/mosquitto/config/acl");
        assertThat(Files.readString(REPO.resolve("deploy/mosquitto/mosquitto.conf"))).contains("\nallow_anonymous false\n")
                .doesNotContain("allow_anonymous true");
        assertThat(services.path("firebreak").path("build").path("dockerfile").asText()).isEqualTo("deploy/Dockerfile");
        assertThat(services.path("firebreak").path("volumes").toString()).contains("./deploy/firebreak.yaml:/etc/firebreak/firebreak.yaml");
        for (String mounted : List.of("deploy/Dockerfile", "deploy/firebreak.yaml", "deploy/mosquitto/mosquitto.conf")) {
            assertThat(REPO.resolve(mounted)).as(mounted).isRegularFile();
        }
    }

    @Test
    void shouldPointFirebreakAtComposeHostsWhenDeployConfigIsRead() throws IOException {
        JsonNode config = new ObjectMapper(new YAMLFactory()).readTree(REPO.resolve("deploy/firebreak.yaml").toFile());

        assertThat(config.path("mqtt").path("server_uri").asText()).isEqualTo("tcp://mosquitto:1883");
        assertThat(config.path("kafka").path("bootstrap_servers").asText()).isEqualTo("kafka:9092");
        assertThat(config.path("influx").path("url").asText()).isEqualTo("http://influxdb:8086");
        assertThat(Files.readString(REPO.resolve("deploy/Dockerfile")))
                .contains("-cp 'app/target/firebreak-app.jar:app/target/lib/*' io.firebreak.app.Main");
    }
}
