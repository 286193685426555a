package io.firebreak.alerting;

import io.firebreak.telemetry.auth.Operator;
import io.firebreak.telemetry.auth.OperatorAccess;
import io.firebreak.telemetry.auth.OperatorCredentials;
import io.firebreak.telemetry.auth.OperatorRole;
import io.firebreak.telemetry.auth.TokenHash;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Test operators: alice may do everything, bob may only ack and veto, carol only has a client certificate. */
final class Operators {

    static final String ALICE_TOKEN = "fbo_EXAMPLE-alice-token-for-tests-only";
    static final String BOB_TOKEN = "fbo_EXAMPLE-bob-token-for-tests-only";

    private Operators() {
    }

    static OperatorCredentials credentials() {
        return new OperatorCredentials(List.of(
                new Operator("alice", TokenHash.of(ALICE_TOKEN), EnumSet.allOf(OperatorRole.class)),
                new Operator("bob", TokenHash.of(BOB_TOKEN), Set.of(OperatorRole.ACK, OperatorRole.VETO)),
                new Operator("carol", null, Set.of(OperatorRole.ACK, OperatorRole.APPROVE))),
                Map.of());
    }

    static OperatorAccess access() {
        return OperatorAccess.of(credentials());
    }
}
