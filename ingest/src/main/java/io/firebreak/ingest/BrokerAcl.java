package io.firebreak.ingest;

import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.inventory.Room;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.util.Objects;

/**
 * A Mosquitto ACL file made from the site inventory (issue 15): each room's gateway may publish only under
 * its own {@code {prefix}/{site}/{room}/#}, ingest may only subscribe, and nobody else may do anything.
 * {@code firebreak mqtt-acl} prints it; {@code deploy/mosquitto/acl} is its output for the shipped inventory.
 * A room without a gateway in the inventory gets no publisher: name one to let its devices in.
 */
public final class BrokerAcl {

    /** The MQTT user name ingest connects with in the shipped layout. */
    public static final String INGEST_USER = "firebreak-ingest";

    private BrokerAcl() {
    }

    /** The ACL text for {@code inventory}, with ingest connecting as {@code ingestUser}. */
    public static String of(SiteInventory inventory, TopicLayout layout, String ingestUser) {
        Objects.requireNonNull(ingestUser, "ingestUser");
        String prefix = layout.prefix();
        StringBuilder acl = new StringBuilder();
        acl.append("# Mosquitto ACL for site ").append(inventory.site()).append(", made by `firebreak mqtt-acl` from the inventory.\n")
                .append("# Each gateway may publish only into its own room; ingest may only read. Users not listed may do nothing.\n")
                .append("# Passwords live in the password file (mosquitto_passwd), never here; see docs/security.md.\n\n")
                .append("user ").append(ingestUser).append('\n')
                .append("topic read ").append(prefix).append("/#\n");
        for (Room room : inventory.rooms()) {
            acl.append('\n');
            if (room.gateway() == null) {
                acl.append("# room ").append(room.id()).append(": no gateway in the inventory, so nobody may publish for it\n");
                continue;
            }
            acl.append("# room ").append(room.id()).append('\n')
                    .append("user ").append(room.gateway()).append('\n')
                    .append("topic write ").append(prefix).append('/').append(inventory.site()).append('/').append(room.id()).append("/#\n");
        }
        return acl.toString();
    }
}
