package io.firebreak.ingest;

import io.firebreak.embedded.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real mosquitto binary with two listeners: plain TCP for the test's sensors, and TLS requiring a client
 * certificate for ingest. Certificates (a CA, a server certificate for 127.0.0.1, a client certificate) are
 * made with openssl; the CA goes into a PKCS12 trust store and the client key into a PKCS12 key store.
 */
final class TlsMosquitto implements AutoCloseable {

    static final String STORE_PASSWORD = "changeit";

    private final Path dir;
    private final int plainPort = FreePorts.find();
    private final int tlsPort = FreePorts.find();
    private final Process process;

    TlsMosquitto(Path dir) throws Exception {
        this(dir, (plain, tls) -> String.join("\n",
                "user " + System.getProperty("user.name"),
                "per_listener_settings false",
                "allow_anonymous true",
                "log_dest file " + dir.resolve("mosquitto.log"),
                "listener " + plain + " 127.0.0.1",
                "listener " + tls + " 127.0.0.1",
                "cafile " + dir.resolve("ca.crt"),
                "certfile " + dir.resolve("server.crt"),
                "keyfile " + dir.resolve("server.key"),
                "require_certificate true",
                ""));
    }

    /**
     * With the configuration {@code configOf(plainPort, tlsPort)} writes; the certificates ({@code ca.crt},
     * {@code server.crt}, {@code server.key}) are in {@code dir} by then.
     */
    TlsMosquitto(Path dir, java.util.function.BiFunction<Integer, Integer, String> configOf) throws Exception {
        this.dir = dir;
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2",
                "-subj", "/CN=firebreak-test-ca");
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
        signed("server", "/CN=127.0.0.1", "san.ext");
        signed("client", "/CN=ingest-tls", null);
        run("openssl", "pkcs12", "-export", "-in", "client.crt", "-inkey", "client.key", "-name", "client",
                "-out", "client.p12", "-passout", "pass:" + STORE_PASSWORD);
        run(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-importcert", "-noprompt", "-alias", "ca",
                "-file", "ca.crt", "-storetype", "PKCS12", "-keystore", "trust.p12", "-storepass", STORE_PASSWORD);
        Files.writeString(dir.resolve("mosquitto.conf"), configOf.apply(plainPort, tlsPort));
        Path binary = Files.exists(Path.of("/usr/sbin/mosquitto")) ? Path.of("/usr/sbin/mosquitto") : Path.of("mosquitto");
        process = new ProcessBuilder(binary.toString(), "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        if (!FreePorts.awaitListening(tlsPort, Duration.ofSeconds(15)) || !FreePorts.awaitListening(plainPort, Duration.ofSeconds(5))) {
            close();
            throw new IllegalStateException("mosquitto with TLS did not start: " + Files.readString(dir.resolve("stdout.log")));
        }
    }

    private void signed(String name, String subject, String extensions) throws Exception {
        run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", subject);
        List<String> sign = new java.util.ArrayList<>(List.of("openssl", "x509", "-req", "-in", name + ".csr", "-CA", "ca.crt",
                "-CAkey", "ca.key", "-CAcreateserial", "-out", name + ".crt", "-days", "2"));
        if (extensions != null) {
            sign.addAll(List.of("-extfile", extensions));
        }
        run(sign.toArray(String[]::new));
    }

    void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    String plainUri() {
        return "tcp://127.0.0.1:" + plainPort;
    }

    String tlsUri() {
        return "ssl://127.0.0.1:" + tlsPort;
    }

    Path truststore() {
        return dir.resolve("trust.p12");
    }

    Path clientKeystore() {
        return dir.resolve("client.p12");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
