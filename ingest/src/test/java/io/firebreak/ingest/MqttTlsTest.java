package io.firebreak.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.telemetry.kafka.KafkaSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MqttTlsTest {

    @TempDir
    Path dir;

    /** A PKCS12 store with one self-signed key pair, made by the JDK's keytool. */
    private Path keystore(String name, String password) throws Exception {
        Path file = dir.resolve(name);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "client", "-keyalg", "EC",
                "-dname", "CN=firebreak-test", "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", password).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();
        return file;
    }

    @Test
    void shouldBuildSocketFactoryWhenTrustAndClientStoresAreReadable() throws Exception {
        // Given
        Path store = keystore("client.p12", "changeit");
        MqttTls tls = new MqttTls(store, "changeit", store, "changeit");

        // When
        SSLSocketFactory factory = tls.socketFactory();

        // Then
        assertThat(factory).isNotNull();
        assertThat(tls.toString()).doesNotContain("changeit").contains("***");
    }

    @Test
    void shouldNameTheKeyWithoutThePasswordWhenTheStorePasswordIsWrong() throws Exception {
        // Given
        Path store = keystore("trust.p12", "right-secret");
        MqttTls tls = new MqttTls(store, "wrong-secret", null, null);

        // When / Then
        assertThatThrownBy(tls::socketFactory).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("mqtt.tls.truststore: cannot read")
                .hasMessageNotContaining("wrong-secret");
    }

    @Test
    void shouldRefuseTlsSettingsWhenTheServerUriIsPlainTcp() throws Exception {
        // Given
        MqttTls tls = new MqttTls(null, null, null, null);
        IngestConfig plain = IngestConfig.of("tcp://127.0.0.1:1883", "c1", KafkaSettings.local("127.0.0.1:9092"));

        // When / Then
        assertThatThrownBy(() -> plain.withTls(tls)).hasMessageStartingWith("mqtt.tls: needs an ssl://");
        assertThat(IngestConfig.of("ssl://127.0.0.1:8883", "c1", KafkaSettings.local("127.0.0.1:9092")).withTls(tls).tls())
                .isEqualTo(tls);
        assertThatThrownBy(() -> new MqttTls(Files.createTempFile(dir, "x", ".p12").resolveSibling("missing.p12"), null, null, null))
                .hasMessageStartingWith("mqtt.tls.truststore: cannot read");
    }
}
