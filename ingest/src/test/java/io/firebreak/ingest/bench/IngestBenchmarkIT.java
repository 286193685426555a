package io.firebreak.ingest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.embedded.KafkaKraftBroker;
import io.firebreak.embedded.MosquittoServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the ingest benchmark with a tiny workload against real Mosquitto and Kafka and checks its output, not
 * its speed. {@code -Dbench.messages=50000} runs it at a realistic size (figures in the test log).
 */
class IngestBenchmarkIT {

    private static final Logger LOG = LoggerFactory.getLogger(IngestBenchmarkIT.class);
    private static final String NUMBER = "[0-9]+(\\.[0-9]+)?";

    @Test
    void shouldEndWithOneWellFormedSummaryLineWhenEveryStageCountsEveryMessage() throws Exception {
        // Given
        int messages = Integer.getInteger("bench.messages", 2_000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (KafkaKraftBroker kafka = KafkaKraftBroker.start();
             MosquittoServer mosquitto = MosquittoServer.start();
             PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {

            // When
            IngestBenchmark.Result result = IngestBenchmark.run(mosquitto.serverUri(), kafka.bootstrapServers(), messages,
                    Integer.getInteger("bench.devices", 50), out);

            // Then
            List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
            lines.forEach(line -> LOG.info("event=bench_output {}", line));
            assertThat(lines).hasSize(5);
            assertThat(lines.get(4)).isEqualTo(result.summaryLine()).matches("bench=ingest messages=" + messages
                    + " readings_per_s=" + NUMBER + " messages_per_s=" + NUMBER + " paho_ceiling_per_s=" + NUMBER
                    + " kafka_ceiling_per_s=" + NUMBER + " ceiling_per_s=" + NUMBER + " ratio=" + NUMBER);
            assertThat(lines.subList(0, 4)).noneMatch(line -> line.startsWith("bench=ingest"));
            assertThat(result.messages()).isEqualTo(messages);
            assertThat(result.ceilingPerS()).isPositive();
        }
    }
}
