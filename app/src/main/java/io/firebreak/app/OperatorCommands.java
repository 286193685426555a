package io.firebreak.app;

import io.firebreak.alerting.AlertingConfig;
import io.firebreak.alerting.OperatorClient;
import io.firebreak.telemetry.auth.Operator;
import io.firebreak.telemetry.auth.OperatorRole;
import io.firebreak.telemetry.auth.TokenHash;
import io.firebreak.telemetry.decision.OperatorAction;
import io.firebreak.telemetry.kafka.Json;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The operator's commands: {@code ack}, {@code approve}, {@code veto}, {@code release}, {@code pending}, and
 * {@code operator-token} to make a token. Each goes to the alerting service's operator endpoint, which records
 * the action on Kafka before it answers, under the operator whose token ({@code FIREBREAK_OPERATOR_TOKEN}) or
 * client certificate it is. Exit 0 when recorded, 2 when the endpoint refused the request (the message says
 * why: 400, 401, 403, 415), 1 when the endpoint could not be reached or could not record it.
 */
final class OperatorCommands {

    /** The environment variable that holds the operator's bearer token. */
    static final String TOKEN_ENV = "FIREBREAK_OPERATOR_TOKEN";

    private OperatorCommands() {
    }

    /** Exit code for an answer: 2 when the endpoint refused the request, 1 when it could not take it. */
    static int exitCode(OperatorClient.OperatorException e) {
        return e.status() >= 400 && e.status() < 500 ? 2 : 1;
    }

    /** Where the operator endpoint is: {@code --endpoint}, or the alerting section of {@code --config}. */
    abstract static class Endpoint {
        @Option(names = "--endpoint", description = "Operator endpoint URL, e.g. http://127.0.0.1:8095.")
        URI endpoint;

        @Option(names = "--config", description = "firebreak.yaml: use alerting.operator_host and alerting.operator_port.")
        Path config;

        OperatorClient client() {
            // over TLS the JDK's own settings give the trust store and any client certificate (javax.net.ssl.*)
            String token = System.getenv(TOKEN_ENV);
            if (token != null && token.isBlank()) {
                token = null;
            }
            if (endpoint != null) {
                return new OperatorClient(endpoint, token);
            }
            if (config == null) {
                throw new IllegalArgumentException("--endpoint or --config: one of them is required");
            }
            AlertingConfig alerting = new ConfigLoader().load(config).alerting();
            if (alerting.operatorPort() == 0) {
                throw new IllegalArgumentException(config + ": alerting.operator_port: is 0, so no operator endpoint runs");
            }
            String host = alerting.operatorHost().equals("0.0.0.0") ? "127.0.0.1" : alerting.operatorHost();
            return new OperatorClient(URI.create(alerting.operatorAccess().scheme() + "://" + host + ":" + alerting.operatorPort()), token);
        }
    }

    /** One recorded action on an alert or decision. */
    abstract static class Action extends Endpoint implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID", description = "The alert or decision id.")
        String subject;

        @Option(names = "--room", description = "The room (looked up from what is pending when left out).")
        String room;

        @Option(names = "--note", description = "Why, for the record.")
        String note;

        abstract String action();

        @Override
        public Integer call() {
            try {
                OperatorAction recorded = client().submit(action(), subject, room, note);
                System.out.printf("%s %s recorded as %s (room %s/%s, by %s)%n", recorded.action(), recorded.subject(),
                        recorded.id(), recorded.site(), recorded.room(), recorded.operator());
                return 0;
            } catch (OperatorClient.OperatorException e) {
                System.err.println("firebreak: " + e.getMessage());
                return exitCode(e);
            }
        }
    }

    @Command(name = "ack", mixinStandardHelpOptions = true, description = "Acknowledge a page: stops its escalation.")
    static final class Ack extends Action {
        @Override
        String action() {
            return OperatorAction.ACK;
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Approve a held drain (blast-radius guard) or drain early on a warning within its countdown.")
    static final class Approve extends Action {
        @Override
        String action() {
            return OperatorAction.APPROVE;
        }
    }

    @Command(name = "veto", mixinStandardHelpOptions = true,
            description = "Veto a warning's early drain or a held drain (detection's own critical drains still go out).")
    static final class Veto extends Action {
        @Override
        String action() {
            return OperatorAction.VETO;
        }
    }

    @Command(name = "release", mixinStandardHelpOptions = true, description = "Release a drain: traffic may come back (drain.released).")
    static final class Release extends Action {
        @Override
        String action() {
            return OperatorAction.RELEASE;
        }
    }

    @Command(name = "takeover", mixinStandardHelpOptions = true,
            description = "Take over a drain no target has accepted: a person delivers it by other means; retries and re-pages stop.")
    static final class Takeover extends Action {
        @Override
        String action() {
            return OperatorAction.TAKEOVER;
        }
    }

    @Command(name = "pending", mixinStandardHelpOptions = true,
            description = "What awaits a person: held drains, warning countdowns, unacknowledged pages, drained rooms.")
    static final class Pending extends Endpoint implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            try {
                System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(client().pending()));
                return 0;
            } catch (OperatorClient.OperatorException e) {
                System.err.println("firebreak: " + e.getMessage());
                return exitCode(e);
            }
        }
    }

    @Command(name = "operator-token", mixinStandardHelpOptions = true,
            description = "Prints a new random operator token and the operators.accounts line (its SHA-256) to paste into firebreak.yaml.")
    static final class Token implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "The operator's name, as the audit will show it.")
        String name;

        @Option(names = "--roles", split = ",", paramLabel = "ROLE",
                description = "Roles: ack, approve, veto, release, takeover (default: all).")
        List<String> roles;

        @Override
        public Integer call() {
            Set<OperatorRole> granted = EnumSet.allOf(OperatorRole.class);
            if (roles != null) {
                granted = EnumSet.noneOf(OperatorRole.class);
                for (String role : roles) {
                    granted.add(OperatorRole.parse(role.strip(), "--roles"));
                }
            }
            String token = TokenHash.newToken();
            Operator operator = new Operator(name, TokenHash.of(token), granted);
            System.out.println("token (give it to " + name + ", store it as " + TOKEN_ENV + "; it is shown once):");
            System.out.println("  " + token);
            System.out.println("configuration (operators.accounts):");
            System.out.println("  - {name: " + operator.name() + ", token_sha256: \"" + operator.tokenHash().text() + "\", roles: ["
                    + granted.stream().map(OperatorRole::wireName).collect(Collectors.joining(", ")) + "]}");
            return 0;
        }
    }
}
