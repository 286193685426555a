package io.firebreak.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code firebreak up} in a JVM of its own with a fixed maximum heap and a GC log, so that the heap a
 * benchmark reports is the pipeline's alone, not the brokers' or the load generator's.
 */
public final class UpProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final Path gcLog;

    private UpProcess(Process process, Path log, Path gcLog) {
        this.process = process;
        this.log = log;
        this.gcLog = gcLog;
    }

    /** Starts {@code firebreak up --config config} with {@code -Xmx<heap>}; output and GC log go under {@code dir}. */
    public static UpProcess start(Path config, String heap, Path dir) throws IOException {
        return start(config, heap, dir, "up");
    }

    /** Starts {@code firebreak <service> --config config} ({@code up}, {@code detect}, {@code ingest}, ...) likewise. */
    public static UpProcess start(Path config, String heap, Path dir, String service) throws IOException {
        Path log = dir.resolve("up.log");
        Path gcLog = dir.resolve("up-gc.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "-Xmx" + heap, "-Xlog:gc:file=" + gcLog,
                "-Dlogback.configurationFile=firebreak-logback.xml", "-cp", System.getProperty("java.class.path"),
                "io.firebreak.app.Main", service, "--config", config.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new UpProcess(process, log, gcLog);
    }

    /** Waits for the process to say every service started; fails with its output if it exits first. */
    public void awaitUp(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("firebreak up exited with " + process.exitValue() + ":\n" + tail());
            }
            if (Files.readString(log).contains("event=up ")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("firebreak up did not start within " + timeout + ":\n" + tail());
    }

    /**
     * Asks the process for a full collection ({@code jcmd PID GC.run}) and waits for it: the heap left
     * after it is what the pipeline really holds, where a young collection's figure still counts old garbage.
     */
    void fullGc() throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!gc.waitFor(2, TimeUnit.MINUTES) || gc.exitValue() != 0) {
            gc.destroyForcibly();
            throw new IllegalStateException("jcmd GC.run failed for pid " + process.pid());
        }
    }

    /** Kills the process as a crash would (SIGKILL: no shutdown hook, nothing flushed) and waits for it to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Resident memory of the process (MiB), from /proc; 0 where /proc is not available. */
    long rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone or this is not Linux: no figure
        }
        return 0;
    }

    /** Whether the process ran out of heap at any point. */
    boolean ranOutOfMemory() throws IOException {
        return Files.readString(log).contains("OutOfMemoryError");
    }

    GcLog gcLog() throws IOException {
        return GcLog.read(gcLog);
    }

    /** Keeps the process's output and GC log in {@code dir} (created if missing). */
    void copyLogs(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.copy(log, dir.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        if (Files.exists(gcLog)) {
            Files.copy(gcLog, dir.resolve(gcLog.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** Stops the process as an operator would (SIGTERM: services close in order), forcibly after 60 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
