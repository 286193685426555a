package io.firebreak.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * What a simulation published, as JSON Lines: one message a line,
 * {@code {"at":<publish time>,"ts":<event time>,"topic":"...","retained":false,"payload":{...}}}, in
 * publishing order. {@code at} is the batch (second) the message left in, which differs from {@code ts}
 * for a flushed backlog or a late message. The ground truth goes next to it as
 * {@code <file>.groundtruth.json}. {@link #read(Path)} gives the batches back for
 * {@link MqttPublisher#play(Iterable, long, double, MqttPublisher.Listener)}.
 */
public final class Recording {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private Recording() {
    }

    /**
     * Writes every batch of {@code run} to {@code file}, and its ground truth beside it.
     *
     * @param progress told of each batch written (may be {@link Progress#NONE})
     * @return the number of messages written
     */
    public static long write(Path file, ScenarioRun run, Progress progress) throws IOException {
        long count = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            long at = run.start();
            for (List<SimMessage> batch : run) {
                for (SimMessage message : batch) {
                    out.write(line(at, message));
                    out.write('\n');
                }
                count += batch.size();
                progress.batch(at, batch.size());
                at += SiteSimulator.STEP_MS;
            }
        }
        Files.writeString(groundTruthFile(file), run.groundTruth().toJson() + "\n", StandardCharsets.UTF_8);
        progress.done();
        return count;
    }

    /** Where the ground truth of a recording is written: {@code <file>.groundtruth.json}. */
    public static Path groundTruthFile(Path recording) {
        return recording.resolveSibling(recording.getFileName() + ".groundtruth.json");
    }

    static String line(long at, SimMessage message) throws IOException {
        ObjectNode node = JSON.createObjectNode().put("at", at).put("ts", message.ts()).put("topic", message.topic())
                .put("retained", message.retained());
        node.set("payload", JSON.readTree(message.payload()));
        return JSON.writeValueAsString(node);
    }

    /**
     * The recording's batches, one per publishing second, read lazily. Lines without {@code at} are
     * batched by {@code ts}.
     */
    public static Iterable<List<SimMessage>> read(Path file) {
        return () -> {
            try {
                return new Batches(Files.newBufferedReader(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** The publish time of the first message of a recording, the origin for pacing a replay. */
    public static long start(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null) {
                return 0;
            }
            JsonNode node = JSON.readTree(first);
            return node.has("at") ? node.get("at").asLong() : node.get("ts").asLong();
        }
    }

    private static final class Batches implements Iterator<List<SimMessage>> {
        private final BufferedReader in;
        private JsonNode pending;

        Batches(BufferedReader in) {
            this.in = in;
            pending = nextNode();
        }

        private JsonNode nextNode() {
            try {
                String line;
                do {
                    line = in.readLine();
                    if (line == null) {
                        in.close();
                        return null;
                    }
                } while (line.isBlank());
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static long at(JsonNode node) {
            return node.has("at") ? node.get("at").asLong() : node.get("ts").asLong();
        }

        @Override
        public boolean hasNext() {
            return pending != null;
        }

        @Override
        public List<SimMessage> next() {
            if (pending == null) {
                throw new NoSuchElementException();
            }
            long at = at(pending);
            List<SimMessage> batch = new ArrayList<>();
            while (pending != null && at(pending) == at) {
                try {
                    batch.add(new SimMessage(pending.get("ts").asLong(), pending.get("topic").asText(),
                            JSON.writeValueAsBytes(pending.get("payload")), pending.path("retained").asBoolean(false)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                pending = nextNode();
            }
            return batch;
        }
    }
}
