package io.firebreak.alerting;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Key stores made by the JDK's {@code keytool} in a test's directory: the endpoint's own (CN=localhost, SAN
 * 127.0.0.1), one per client certificate, and the two trust stores (the server trusts the clients, the clients
 * trust the server). Every store's password is {@link #PASSWORD}, a test value.
 */
final class TestKeystores {

    static final String PASSWORD = "EXAMPLE-test-store-password";

    private final Path dir;

    TestKeystores(Path dir, String... clients) throws Exception {
        this.dir = dir;
        keypair("server", "CN=localhost", "SAN=ip:127.0.0.1,dns:localhost");
        keytool("-exportcert", "-alias", "server", "-keystore", store("server"), "-file", dir.resolve("server.crt").toString());
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", dir.resolve("server.crt").toString(),
                "-keystore", store("client-trust"));
        for (String client : clients) {
            keypair(client, "CN=" + client, null);
            keytool("-exportcert", "-alias", client, "-keystore", store(client), "-file", dir.resolve(client + ".crt").toString());
            keytool("-importcert", "-noprompt", "-alias", client, "-file", dir.resolve(client + ".crt").toString(),
                    "-keystore", store("server-trust"));
        }
    }

    Path path(String name) {
        return dir.resolve(name + ".p12");
    }

    /** A client's TLS context: trusts the endpoint, and presents {@code client}'s certificate unless null. */
    SSLContext client(String client) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(path("client-trust")));
        KeyManagerFactory keys = null;
        if (client != null) {
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(path(client)), PASSWORD.toCharArray());
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private void keypair(String alias, String dname, String san) throws Exception {
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", dname, "-validity", "2", "-keystore", store(alias)));
        if (san != null) {
            args.addAll(List.of("-ext", san));
        }
        keytool(args.toArray(String[]::new));
    }

    private String store(String name) {
        return path(name).toString();
    }

    private static KeyStore load(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            return store;
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + args[0] + " failed: " + out);
        }
    }
}
