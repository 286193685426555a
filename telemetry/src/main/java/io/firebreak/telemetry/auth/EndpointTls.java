package io.firebreak.telemetry.auth;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.firebreak.telemetry.inventory.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for an operator endpoint: the server's key and certificate ({@code keystore}, PKCS12 or JKS), and
 * optionally the certificates that operators' client certificates are checked against ({@code truststore}).
 * With a truststore the endpoint asks for a client certificate (mutual TLS) but does not insist on one, so
 * a bearer token still works; a verified certificate's CN names the operator.
 *
 * @param keystore           the server's key store
 * @param keystorePassword   its password (from the environment)
 * @param truststore         client certificates' trust anchors; null: no mutual TLS
 * @param truststorePassword its password; null when there is no truststore or it has none
 * @param prefix             the configuration key prefix, named in errors (e.g. {@code operators.tls})
 */
public record EndpointTls(Path keystore, Secret keystorePassword, Path truststore, Secret truststorePassword,
                          String prefix) {

    public EndpointTls {
        if (keystore == null) {
            throw new IllegalArgumentException(prefix + ".keystore: is required for TLS");
        }
        if (!Files.isReadable(keystore)) {
            throw new IllegalArgumentException(prefix + ".keystore: cannot read " + keystore);
        }
        if (keystorePassword == null) {
            throw new IllegalArgumentException(prefix + ".keystore_password_env: is required for TLS");
        }
        if (truststore != null && !Files.isReadable(truststore)) {
            throw new IllegalArgumentException(prefix + ".truststore: cannot read " + truststore);
        }
    }

    /** True when client certificates are asked for and verified. */
    public boolean mutual() {
        return truststore != null;
    }

    /** The server's TLS context, loaded now so that a bad store stops the start with the key named. */
    public SSLContext sslContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(keystore, keystorePassword, prefix + ".keystore"), keystorePassword.reveal().toCharArray());
            TrustManagerFactory trust = null;
            if (truststore != null) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(load(truststore, truststorePassword, prefix + ".truststore"));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(prefix + ": cannot use the key store: " + e.getMessage(), e);
        }
    }

    /** An HTTP server on {@code host:port}: HTTPS when {@code tls} is given, plain HTTP when it is null. */
    public static HttpServer bind(String host, int port, EndpointTls tls, String key) {
        InetSocketAddress address = new InetSocketAddress(host, port);
        try {
            if (tls == null) {
                return HttpServer.create(address, 0);
            }
            SSLContext context = tls.sslContext();
            HttpsServer server = HttpsServer.create(address, 0);
            server.setHttpsConfigurator(new HttpsConfigurator(context) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters parameters = context.getDefaultSSLParameters();
                    parameters.setWantClientAuth(tls.mutual());
                    params.setSSLParameters(parameters);
                }
            });
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(key + ": cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path file, Secret password, String key) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(file.toString().endsWith(".jks") ? "JKS" : "PKCS12");
            store.load(in, password == null ? null : password.reveal().toCharArray());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            // a wrong password shows as an IOException; its message carries no secret
            throw new IllegalArgumentException(key + ": cannot load " + file + ": " + e.getMessage(), e);
        }
    }
}
