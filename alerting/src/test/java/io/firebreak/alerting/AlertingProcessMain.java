package io.firebreak.alerting;

import io.firebreak.telemetry.inventory.SiteInventory;
import io.firebreak.telemetry.kafka.KafkaSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Alerting alone in a JVM of its own, for {@link AlertingKillIT} to SIGKILL: args are the Kafka bootstrap
 * servers, the consumer group, the site id and the receivers' base URL; a retry budget of 4 attempts, 100 ms
 * apart at most, and a 6 s consumer session.
 */
public final class AlertingProcessMain {

    private AlertingProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        SiteInventory inventory = Fixtures.pangyoAs(args[2], URI.create(args[3]));
        // a killed member leaves the group only when its session times out: 6 s (the broker's least), not 45 s
        KafkaSettings kafka = new KafkaSettings(args[0], Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "1000"),
                6, (short) 1);
        AlertingConfig config = AlertingConfig.defaults(kafka, inventory)
                .withRetries(Duration.ofSeconds(2), 4, Duration.ofMillis(100)).withGroupId(args[1]);
        AlertingService service = new AlertingService(config);
        service.start();
        Thread.currentThread().join();
    }
}
