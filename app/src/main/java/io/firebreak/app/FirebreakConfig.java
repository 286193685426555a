package io.firebreak.app;

import io.firebreak.alerting.AlertingConfig;
import io.firebreak.app.ops.ManagementSettings;
import io.firebreak.dashboards.SinkConfig;
import io.firebreak.ingest.IngestConfig;
import io.firebreak.streams.DetectionConfig;
import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.inventory.SiteInventory;
import io.firebreak.telemetry.kafka.KafkaSettings;

/**
 * Everything {@code firebreak up} needs, validated: the site inventory and one typed configuration per
 * service. {@code sink} is null when no InfluxDB is configured; {@code management} says how the process
 * is watched (management port, supervision, heartbeat). Load it with {@link ConfigLoader}.
 */
public record FirebreakConfig(SiteInventory inventory, TopicLayout layout, KafkaSettings kafka, IngestConfig ingest,
                              DetectionConfig detect, AlertingConfig alerting, SinkConfig sink,
                              ManagementSettings management) {

    public FirebreakConfig {
        if (management == null) {
            management = ManagementSettings.defaults();
        }
    }

    /** Without management settings: no management port, the default supervision. */
    public FirebreakConfig(SiteInventory inventory, TopicLayout layout, KafkaSettings kafka, IngestConfig ingest,
                           DetectionConfig detect, AlertingConfig alerting, SinkConfig sink) {
        this(inventory, layout, kafka, ingest, detect, alerting, sink, ManagementSettings.defaults());
    }
}
