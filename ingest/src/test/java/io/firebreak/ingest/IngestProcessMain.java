package io.firebreak.ingest;

import io.firebreak.telemetry.kafka.KafkaSettings;

/**
 * Runs ingest alone in its own JVM until it is killed, for the kill -9 test.
 * Arguments: {@code mqttServerUri clientId sharedGroup kafkaBootstrapServers}.
 */
public final class IngestProcessMain {

    private IngestProcessMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        IngestConfig config = IngestConfig.of(args[0], args[1], KafkaSettings.local(args[3])).withSharedGroup(args[2]);
        IngestService ingest = new IngestService(config);
        ingest.start();
        // no shutdown hook on purpose: the test kills this JVM with SIGKILL, which runs none anyway
        IngestStats last = null;
        while (true) {
            Thread.sleep(250);
            IngestStats now = ingest.stats();
            if (!now.equals(last)) {
                System.out.println("event=ingest_process_stats " + now);
                last = now;
            }
        }
    }
}
