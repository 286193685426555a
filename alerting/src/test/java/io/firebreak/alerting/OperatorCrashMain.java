package io.firebreak.alerting;

import io.firebreak.telemetry.inventory.SiteInventory;
import io.firebreak.telemetry.kafka.KafkaSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Alerting with its operator endpoint, alone in a JVM of its own, for {@link OperatorCrashIT} to SIGKILL. Args:
 * Kafka bootstrap servers, consumer group, site id, receivers' base URL, operator port, max halls without
 * approval, warning countdown (ms) and all-clear period (ms). Retries: 4 attempts, 100 ms apart at most; a 6 s
 * consumer session, so a killed member's partitions move soon.
 */
public final class OperatorCrashMain {

    private OperatorCrashMain() {
    }

    public static void main(String[] args) throws Exception {
        SiteInventory inventory = Fixtures.pangyoAs(args[2], URI.create(args[3]));
        KafkaSettings kafka = new KafkaSettings(args[0], Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "1000"),
                6, (short) 1);
        AlertingConfig config = AlertingConfig.defaults(kafka, inventory)
                .withRetries(Duration.ofSeconds(2), 4, Duration.ofMillis(100)).withGroupId(args[1])
                .withOperatorApi("127.0.0.1", Integer.parseInt(args[4])).withOperatorAccess(Operators.access())
                .withSafety(Duration.ofMillis(Long.parseLong(args[6])), Integer.parseInt(args[5]))
                .withAllClear(Duration.ofMillis(Long.parseLong(args[7])));
        AlertingService service = new AlertingService(config);
        service.start();
        Thread.currentThread().join();
    }
}
