package io.firebreak.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One external server binary (mosquitto, influxd) run as a child of this JVM: output goes to a
 * file, and a shutdown hook kills it if the JVM exits without closing it, so a crashed test never
 * leaves an orphan broker holding a port.
 */
final class ChildProcess {

    private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);

    private final String name;
    private final List<String> command;
    private final Path outputFile;
    private Process process;
    private Thread shutdownHook;

    ChildProcess(String name, List<String> command, Path outputFile) {
        this.name = name;
        this.command = List.copyOf(command);
        this.outputFile = outputFile;
    }

    /**
     * Finds an executable by name on the PATH or in the given fallback directories.
     *
     * @throws IllegalStateException naming the Debian package to install when it is missing
     */
    static Path locate(String binary, String debianPackage, String... fallbackDirs) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(dir, binary);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        for (String dir : fallbackDirs) {
            Path candidate = Path.of(dir, binary);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(binary + " not found on PATH nor in " + List.of(fallbackDirs)
                + "; install the Debian package '" + debianPackage + "' (apt-get install " + debianPackage + ")");
    }

    synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        Process started = process;
        shutdownHook = new Thread(started::destroyForcibly, name + "-kill-on-exit");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        LOG.debug("event=child_started name={} pid={}", name, started.pid());
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Kills the child with SIGKILL (no chance to save anything) and waits until it is gone. */
    synchronized void kill() {
        if (process == null) {
            return;
        }
        Process p = process;
        process = null;
        try {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        removeHook();
    }

    /** Sends SIGTERM so the server can save its state, then kills it after the grace period. */
    synchronized void stop(long graceMillis) {
        if (process == null) {
            return;
        }
        Process p = process;
        process = null;
        p.destroy();
        try {
            if (!p.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
                LOG.warn("event=child_kill name={} pid={} reason=no_exit_after_sigterm graceMs={}",
                        name, p.pid(), graceMillis);
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
        removeHook();
    }

    private void removeHook() {
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // JVM already shutting down: the hook runs anyway
            }
            shutdownHook = null;
        }
    }

    /** The last lines of the child's output file, for error messages. */
    String outputTail() {
        try {
            List<String> lines = Files.readAllLines(outputFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }
}
