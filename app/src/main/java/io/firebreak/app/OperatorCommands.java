package io.firebreak.app;

import io.firebreak.alerting.AlertingConfig;
import io.firebreak.alerting.OperatorClient;
import io.firebreak.telemetry.decision.OperatorAction;
import io.firebreak.telemetry.kafka.Json;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The operator's commands: {@code ack}, {@code approve}, {@code veto}, {@code release} and {@code pending}.
 * Each goes to the alerting service's operator endpoint, which records the action on Kafka before it
 * answers. Exit 0 when recorded, 2 when the endpoint refused the request (the message says why), 1 when
 * the endpoint could not be reached.
 */
final class OperatorCommands {

    private OperatorCommands() {
    }

    /** Where the operator endpoint is: {@code --endpoint}, or the alerting section of {@code --config}. */
    abstract static class Endpoint {
        @Option(names = "--endpoint", description = "Operator endpoint URL, e.g. http://127.0.0.1:8095.")
        URI endpoint;

        @Option(names = "--config", description = "firebreak.yaml: use alerting.operator_host and alerting.operator_port.")
        Path config;

        OperatorClient client() {
            if (endpoint != null) {
                return new OperatorClient(endpoint);
            }
            if (config == null) {
                throw new IllegalArgumentException("--endpoint or --config: one of them is required");
            }
            AlertingConfig alerting = new ConfigLoader().load(config).alerting();
            if (alerting.operatorPort() == 0) {
                throw new IllegalArgumentException(config + ": alerting.operator_port: is 0, so no operator endpoint runs");
            }
            return new OperatorClient(URI.create("http://" + alerting.operatorHost() + ":" + alerting.operatorPort()));
        }
    }

    /** One recorded action on an alert or decision. */
    abstract static class Action extends Endpoint implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID", description = "The alert or decision id.")
        String subject;

        @Option(names = "--room", description = "The room (looked up from what is pending when left out).")
        String room;

        @Option(names = "--operator", description = "Who acts (default: $USER).")
        String operator;

        @Option(names = "--note", description = "Why, for the record.")
        String note;

        abstract String action();

        @Override
        public Integer call() {
            String who = Objects.requireNonNullElse(operator, Objects.requireNonNullElse(System.getenv("USER"), "operator"));
            try {
                OperatorAction recorded = client().submit(action(), subject, room, who, note);
                System.out.printf("%s %s recorded as %s (room %s/%s, by %s)%n", recorded.action(), recorded.subject(),
                        recorded.id(), recorded.site(), recorded.room(), recorded.operator());
                return 0;
            } catch (OperatorClient.OperatorException e) {
                System.err.println("firebreak: " + e.getMessage());
                return e.getMessage() != null && e.getMessage().contains("400") ? 2 : 1;
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
                return 1;
            }
        }
    }
}
