package io.firebreak.app;

import java.util.EnumSet;
import java.util.Set;
import picocli.CommandLine.Command;

/** One service per process, so each scales out on its own: start another process with the same config. */
final class ServiceCommands {

    private ServiceCommands() {
    }

    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = "MQTT to Kafka: subscribes (shared subscription) and forwards readings and dead letters.")
    static final class Ingest extends UpCommand {
        @Override
        Set<Pipeline.Service> services() {
            return EnumSet.of(Pipeline.Service.INGEST);
        }
    }

    @Command(name = "detect", mixinStandardHelpOptions = true,
            description = "Kafka Streams detection: readings to alerts and drain decisions.")
    static final class Detect extends UpCommand {
        @Override
        Set<Pipeline.Service> services() {
            return EnumSet.of(Pipeline.Service.DETECT);
        }
    }

    @Command(name = "alert", mixinStandardHelpOptions = true,
            description = "Delivers drain webhooks and PagerDuty events for alerts and decisions.")
    static final class Alert extends UpCommand {
        @Override
        Set<Pipeline.Service> services() {
            return EnumSet.of(Pipeline.Service.ALERT);
        }
    }

    @Command(name = "sink", mixinStandardHelpOptions = true,
            description = "Writes readings, alerts and decisions to InfluxDB for the Grafana dashboards.")
    static final class Sink extends UpCommand {
        @Override
        Set<Pipeline.Service> services() {
            return EnumSet.of(Pipeline.Service.SINK);
        }
    }
}
