package io.firebreak.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for an {@code ssl://} MQTT broker: a trust store holding the broker's CA (null: the JVM's default
 * trust) and, for client-certificate authentication, a key store with this instance's key and certificate.
 * Stores are PKCS12 or JKS files (the type is detected). Passwords are never shown by {@link #toString()}.
 *
 * @param truststore         PKCS12/JKS file with the CA certificates to trust, or null for the JVM default
 * @param truststorePassword its password, or null
 * @param keystore           PKCS12/JKS file with the client key and certificate, or null (no client cert)
 * @param keystorePassword   its password (also the key's), or null
 */
public record MqttTls(Path truststore, String truststorePassword, Path keystore, String keystorePassword) {

    public MqttTls {
        requireReadable(truststore, "mqtt.tls.truststore");
        requireReadable(keystore, "mqtt.tls.keystore");
        if (keystorePassword != null && keystore == null) {
            throw new IllegalArgumentException("mqtt.tls.keystore_password: needs mqtt.tls.keystore");
        }
        if (truststorePassword != null && truststore == null) {
            throw new IllegalArgumentException("mqtt.tls.truststore_password: needs mqtt.tls.truststore");
        }
    }

    /**
     * Builds the socket factory Paho connects with.
     *
     * @throws IllegalArgumentException naming the key when a store cannot be read (wrong password, bad file)
     */
    public SSLSocketFactory socketFactory() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(truststore == null ? null : load(truststore, truststorePassword, "mqtt.tls.truststore"));
            KeyManagerFactory keys = null;
            if (keystore != null) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                char[] secret = keystorePassword == null ? new char[0] : keystorePassword.toCharArray();
                keys.init(load(keystore, keystorePassword, "mqtt.tls.keystore"), secret);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("mqtt.tls: cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path file, String password, String key) {
        try {
            return KeyStore.getInstance(file.toFile(), password == null ? null : password.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            // the message names the file and the problem, never the password
            throw new IllegalArgumentException(key + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void requireReadable(Path file, String key) {
        if (file != null && !Files.isReadable(file)) {
            throw new IllegalArgumentException(key + ": cannot read " + file);
        }
    }

    @Override
    public String toString() {
        return "MqttTls[truststore=" + truststore + ", truststorePassword=" + (truststorePassword == null ? null : "***")
                + ", keystore=" + keystore + ", keystorePassword=" + (keystorePassword == null ? null : "***") + "]";
    }
}
