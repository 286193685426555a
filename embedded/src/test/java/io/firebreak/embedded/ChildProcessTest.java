package io.firebreak.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ChildProcessTest {

    @Test
    void missingBinaryNamesTheDebianPackage() {
        assertThatThrownBy(() -> ChildProcess.locate("no-such-broker-binary", "mosquitto", "/nonexistent"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no-such-broker-binary")
                .hasMessageContaining("Debian package 'mosquitto'");
    }

    @Test
    void generatedConfigsBindToLoopbackOnly() {
        assertThat(MosquittoServer.config(Path.of("/tmp/x"), 1234))
                .contains("listener 1234 127.0.0.1", "allow_anonymous true", "persistence true",
                        "persistence_location /tmp/x/data/", "max_queued_messages 100000");
        assertThat(InfluxServer.config(Path.of("/tmp/y"), 1111, 2222))
                .contains("reporting-disabled = true", "bind-address = \"127.0.0.1:2222\"",
                        "bind-address = \"127.0.0.1:1111\"", "store-enabled = false", "auth-enabled = false");
        assertThat(HiveMqBroker.config(4321)).contains("<port>4321</port>", "<bind-address>127.0.0.1</bind-address>",
                "<mode>in-memory</mode>");
    }

    @Test
    void freePortIsNotListening() {
        int port = FreePorts.find();
        assertThat(port).isBetween(1024, 65535);
        assertThat(FreePorts.isListening(port)).isFalse();
    }
}
