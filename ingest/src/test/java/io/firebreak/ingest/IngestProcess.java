package io.firebreak.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** An ingest instance in a separate JVM ({@link IngestProcessMain}), so a test can kill it with SIGKILL. */
final class IngestProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private IngestProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the JVM and waits until ingest has subscribed. */
    static IngestProcess start(Path log, String mqttUri, String clientId, String sharedGroup, String kafka) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                IngestProcessMain.class.getName(), mqttUri, clientId, sharedGroup, kafka))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        IngestProcess started = new IngestProcess(process, log);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!started.logContains("event=ingest_started")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("ingest process did not start; log:\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
        return started;
    }

    boolean logContains(String text) throws IOException {
        return Files.exists(log) && Files.readString(log).contains(text);
    }

    /** The last stats line the process printed, or an empty string. */
    String lastStats() throws IOException {
        List<String> lines = Files.readAllLines(log).stream().filter(l -> l.contains("event=ingest_process_stats")).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    /** SIGKILL: no shutdown hook, no flush, no MQTT disconnect. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
