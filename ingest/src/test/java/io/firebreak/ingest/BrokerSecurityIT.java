package io.firebreak.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.firebreak.embedded.KafkaKraftBroker;
import io.firebreak.telemetry.contract.DeadLetter;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.contract.TimeMode;
import io.firebreak.telemetry.inventory.InventoryLoader;
import io.firebreak.telemetry.inventory.SiteInventory;
import io.firebreak.telemetry.kafka.KafkaSettings;
import io.firebreak.telemetry.kafka.Topics;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped broker access (deploy/mosquitto/mosquitto.conf and acl, issue 15) on a real Mosquitto, with a
 * password file made by mosquitto_passwd and a TLS listener that takes user name and password: anonymous
 * clients are refused, a gateway cannot publish into another room, ingest cannot publish, an unknown panel's
 * alarm is a dead letter and never a reading, and an oversize packet is refused while nothing else is lost.
 */
class BrokerSecurityIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String INGEST_PASSWORD = "it-only-ingest-password";
    private static final String GW_B3_PASSWORD = "it-only-gw-b3-password";
    private static final String GW_B2_PASSWORD = "it-only-gw-b2-password";
    private static final SiteInventory PANGYO = new InventoryLoader(name -> null).loadResource("/inventory/pangyo.yaml");

    private static KafkaKraftBroker kafka;
    private static TlsMosquitto mosquitto;
    private static IngestService ingest;
    private static KafkaTopicReader<Reading> readings;
    private static KafkaTopicReader<DeadLetter> deadLetters;

    @BeforeAll
    static void startShippedBrokerAndIngest() throws Exception {
        Path dir = Files.createTempDirectory("firebreak-broker-security-");
        Path deploy = Path.of("..", "deploy", "mosquitto").toAbsolutePath().normalize();
        String shipped = Files.readString(deploy.resolve("mosquitto.conf"));
        mosquitto = new TlsMosquitto(dir, (plain, tls) -> {
            passwords(dir);
            return "user " + System.getProperty("user.name") + "\n" + shipped
                    .replace("password_file /mosquitto/config/passwd", "password_file " + dir.resolve("passwd"))
                    .replace("acl_file /mosquitto/config/acl", "acl_file " + deploy.resolve("acl"))
                    .replace("persistence_location /mosquitto/data/", "persistence_location " + dir + "/")
                    .replace("log_dest stdout", "log_dest file " + dir.resolve("mosquitto.log"))
                    .replace("\nlistener 1883\n", "\nlistener " + plain + " 127.0.0.1\n"
                            // the shipped TLS listener, uncommented, with this test's certificates
                            + "listener " + tls + " 127.0.0.1\ncertfile " + dir.resolve("server.crt") + "\nkeyfile "
                            + dir.resolve("server.key") + "\ncafile " + dir.resolve("ca.crt") + "\n");
        });
        kafka = KafkaKraftBroker.start();
        KafkaSettings settings = KafkaSettings.local(kafka.bootstrapServers());
        settings.ensureTopics();
        // ingest over TLS with user name and password (no client certificate)
        IngestConfig config = IngestConfig.of(mosquitto.tlsUri(), "ingest-security", settings)
                .withTime(TimeMode.LIVE, Duration.ofMinutes(2))
                .withCredentials(BrokerAcl.INGEST_USER, INGEST_PASSWORD)
                .withTls(new MqttTls(mosquitto.truststore(), TlsMosquitto.STORE_PASSWORD, null, null))
                .withAdmission(DeviceAdmission.of(PANGYO));
        ingest = new IngestService(config);
        ingest.start();
        readings = new KafkaTopicReader<>(kafka.bootstrapServers(), Topics.READINGS);
        deadLetters = new KafkaTopicReader<>(kafka.bootstrapServers(), Topics.DEAD_LETTERS);
    }

    private static void passwords(Path dir) {
        try {
            mosquitto("-c", "-b", dir, BrokerAcl.INGEST_USER, INGEST_PASSWORD);
            mosquitto("-b", null, dir, "gw-b3", GW_B3_PASSWORD);
            mosquitto("-b", null, dir, "gw-b2", GW_B2_PASSWORD);
        } catch (Exception e) {
            throw new IllegalStateException("mosquitto_passwd failed: " + e.getMessage(), e);
        }
    }

    private static void mosquitto(String first, String second, Path dir, String user, String password) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("mosquitto_passwd", first));
        if (second != null) {
            command.add(second);
        }
        command.addAll(List.of(dir.resolve("passwd").toString(), user, password));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new UncheckedIOException(new java.io.IOException(String.join(" ", command.subList(0, 2)) + ": " + output));
        }
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {readings, deadLetters, ingest, mosquitto, kafka}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static MqttClient client(String uri, String id, String user, String password) throws MqttException {
        MqttClient client = new MqttClient(uri, id, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setConnectionTimeout(5);
        if (user != null) {
            options.setUserName(user);
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        if (uri.startsWith("ssl:")) {
            options.setSocketFactory(new MqttTls(mosquitto.truststore(), TlsMosquitto.STORE_PASSWORD, null, null).socketFactory());
        }
        client.connect(options);
        return client;
    }

    private static void publish(MqttClient client, String topic, String payload) {
        try {
            client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
        } catch (MqttException e) {
            // MQTT 5: a PUBACK with "not authorized" may be thrown or only logged by the client; the broker drops it either way
        }
    }

    private static String env(long seq, double smoke) {
        return "{\"ts\":" + System.currentTimeMillis() + ",\"seq\":" + seq + ",\"smoke_pct_m\":" + smoke + "}";
    }

    private static List<Reading> readingsFrom(String room) {
        return readings.poll().stream().map(ConsumerRecord::value).filter(r -> r.source().room().equals(room)).toList();
    }

    @Test
    void shouldRefuseAnonymousClientsAndWrongPasswordsOnBothListeners() {
        assertThatThrownBy(() -> client(mosquitto.plainUri(), "anonymous-1", null, null)).isInstanceOf(MqttException.class);
        assertThatThrownBy(() -> client(mosquitto.tlsUri(), "anonymous-2", null, null)).isInstanceOf(MqttException.class);
        assertThatThrownBy(() -> client(mosquitto.plainUri(), "wrong-1", "gw-b3", "not-the-password")).isInstanceOf(MqttException.class);
    }

    @Test
    void shouldLetAGatewayPublishOnlyIntoItsOwnRoomAndIngestNotAtAll() throws Exception {
        // Given the B2 gateway, connected over TLS with its user name and password
        MqttClient gwB2 = client(mosquitto.tlsUri(), "gw-b2-acl", "gw-b2", GW_B2_PASSWORD);
        MqttClient asIngest = client(mosquitto.plainUri(), "ingest-as-publisher", BrokerAcl.INGEST_USER, INGEST_PASSWORD);

        // When it publishes into B3 (not its room), ingest's user tries to publish, then B2 publishes its own sensor
        publish(gwB2, "dc/pangyo-a/B3-battery/env/asd-b3-1", env(1, 9.0));
        publish(asIngest, "dc/pangyo-a/B3-battery/env/asd-b3-2", env(1, 9.0));
        publish(gwB2, "dc/pangyo-a/B2-battery/env/asd-b2-1", env(1, 0.001));

        // Then only its own room's reading arrives
        await().atMost(WAIT).until(() -> !readingsFrom("B2-battery").isEmpty());
        Thread.sleep(1_000);
        assertThat(readingsFrom("B3-battery")).noneMatch(r -> r.source().device().startsWith("asd-b3"));
        gwB2.disconnect();
        asIngest.disconnect();
    }

    @Test
    void shouldDeadLetterAnUnknownPanelsAlarmAndRefuseAnOversizePacketWithoutLosingAnythingElse() throws Exception {
        // Given the B3 gateway on the plain listener
        MqttClient gwB3 = client(mosquitto.plainUri(), "gw-b3-sender", "gw-b3", GW_B3_PASSWORD);

        // When it forwards an alarm from a panel the inventory does not list, then a packet over the limit
        publish(gwB3, "dc/pangyo-a/B3-battery/fire/fp-forged", "{\"ts\":" + System.currentTimeMillis() + ",\"event\":\"alarm\"}");
        publish(gwB3, "dc/pangyo-a/B3-battery/power/ups-b3-a", "{\"ts\":" + System.currentTimeMillis() + ",\"seq\":1,\"on_battery\":false}");
        String huge = "{\"ts\":" + System.currentTimeMillis() + ",\"pad\":\"" + "x".repeat(80 * 1024) + "\",\"on_battery\":true}";
        assertThatThrownBy(() -> gwB3.publish("dc/pangyo-a/B3-battery/power/ups-b3-b", huge.getBytes(StandardCharsets.UTF_8), 1, false))
                .isInstanceOf(MqttException.class);
        MqttClient again = client(mosquitto.plainUri(), "gw-b3-again", "gw-b3", GW_B3_PASSWORD);
        publish(again, "dc/pangyo-a/B3-battery/power/ups-b3-a", "{\"ts\":" + System.currentTimeMillis() + ",\"seq\":2,\"on_battery\":false}");

        // Then the alarm is one dead letter naming the device and no reading; the packet never reached ingest;
        // the messages before and after it did
        await().atMost(WAIT).until(() -> readingsFrom("B3-battery").stream().filter(r -> r.source().device().equals("ups-b3-a")).count() == 2);
        await().atMost(WAIT).until(() -> deadLetters.poll().stream().anyMatch(d -> d.value().reason().startsWith("unknown_device")));
        assertThat(deadLetters.poll()).filteredOn(d -> d.value().originalTopic().endsWith("/fire/fp-forged")).singleElement()
                .satisfies(d -> assertThat(d.value().reason()).contains("fire panel 'fp-forged' is not in room B3-battery"));
        assertThat(readingsFrom("B3-battery")).noneMatch(r -> r.source().device().equals("fp-forged") || r.source().device().equals("ups-b3-b"));
        again.disconnect();
    }
}
