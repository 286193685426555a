package io.firebreak.gateway.snmp;

import io.firebreak.telemetry.contract.DeviceAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * One UPS network card polled over SNMP for the UPS-MIB (RFC 1628), published as the contract's
 * {@code power/{device}}. v2c uses {@code community}; v3 uses {@code v3} (authPriv).
 *
 * @param inputLine   the upsInputTable line whose voltage is {@code input_v}
 * @param outputLines the upsOutputTable lines whose power adds up to {@code output_kw}
 */
public record SnmpDevice(String name, String host, int port, DeviceAddress source, Version version, String community,
                         V3 v3, int inputLine, int outputLines, Duration period, Duration timeout) {

    public enum Version { V2C, V3 }

    public enum AuthProtocol { SHA, SHA256, SHA512 }

    public enum PrivProtocol { AES128, AES256 }

    /** SNMPv3 authPriv credentials; the passphrases come from environment variables. */
    public record V3(String user, AuthProtocol auth, String authPassphrase, PrivProtocol priv, String privPassphrase) {
        @Override
        public String toString() {
            return "V3[user=" + user + ", auth=" + auth + ", priv=" + priv + "]";
        }
    }

    public SnmpDevice {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(version, "version");
    }

    @Override
    public String toString() {
        return "SnmpDevice[name=" + name + ", host=" + host + ", port=" + port + ", version=" + version + "]";
    }
}
