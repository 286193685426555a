package io.firebreak.gateway.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Store and forward: readings wait here, one file per message named by its place in line, while the broker
 * is away, and are sent oldest first when it is back. Bounded: past {@code maxMessages} the oldest is dropped
 * and counted, because a fresh reading is worth more to detection than an old one. Survives a gateway
 * restart (the line is rebuilt from the directory). Not thread-safe: the {@link MqttOutbox} guards it.
 */
final class DiskBuffer {

    private static final String SUFFIX = ".msg";

    private final Path dir;
    private final int maxMessages;
    private final ArrayDeque<Long> line = new ArrayDeque<>();
    private long next;
    private long dropped;

    DiskBuffer(Path dir, int maxMessages) {
        this.dir = dir;
        this.maxMessages = maxMessages;
        try {
            Files.createDirectories(dir);
            List<Long> found = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    found.add(Long.parseLong(name.substring(0, name.length() - SUFFIX.length())));
                }
            }
            Collections.sort(found);
            line.addAll(found);
            next = found.isEmpty() ? 0 : found.get(found.size() - 1) + 1;
        } catch (IOException | NumberFormatException e) {
            throw new IllegalArgumentException("buffer.dir: cannot use " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Appends a message at the end of the line, dropping the oldest when full; false when a message was dropped. */
    boolean append(Outbound message) {
        boolean droppedOne = false;
        while (line.size() >= maxMessages) {
            delete(line.removeFirst());
            dropped++;
            droppedOne = true;
        }
        long n = next++;
        byte[] topic = message.topic().getBytes(StandardCharsets.UTF_8);
        byte[] record = Arrays.copyOf(topic, topic.length + 1 + message.payload().length);
        record[topic.length] = '\n';
        System.arraycopy(message.payload(), 0, record, topic.length + 1, message.payload().length);
        try {
            Files.write(file(n), record);
        } catch (IOException e) {
            throw new UncheckedIOException("buffer: cannot write " + file(n), e);
        }
        line.addLast(n);
        return !droppedOne;
    }

    /** A buffered message and its place in line. */
    record Entry(long number, Outbound message) {
    }

    /** Up to {@code n} of the oldest messages, oldest first. */
    java.util.List<Entry> peek(int n) {
        java.util.List<Entry> out = new ArrayList<>(Math.min(n, line.size()));
        java.util.Iterator<Long> it = line.iterator();
        while (it.hasNext() && out.size() < n) {
            long number = it.next();
            Outbound message = read(number);
            if (message == null) {
                // lost under us: leave it for peek() to drop, and send nothing after it out of order
                break;
            }
            out.add(new Entry(number, message));
        }
        if (out.isEmpty() && !line.isEmpty()) {
            Outbound first = peek();
            if (first != null) {
                out.add(new Entry(line.peekFirst(), first));
            }
        }
        return out;
    }

    private Outbound read(long number) {
        try {
            byte[] record = Files.readAllBytes(file(number));
            int nl = 0;
            while (nl < record.length && record[nl] != '\n') {
                nl++;
            }
            return new Outbound(new String(record, 0, nl, StandardCharsets.UTF_8), Arrays.copyOfRange(record, Math.min(nl + 1, record.length), record.length));
        } catch (IOException e) {
            return null;
        }
    }

    /** The oldest message, or null when the line is empty. */
    Outbound peek() {
        while (!line.isEmpty()) {
            Outbound message = read(line.peekFirst());
            if (message != null) {
                return message;
            }
            // a file lost under us (disk trouble, a person cleaning up) is dropped, not retried forever
            line.removeFirst();
            dropped++;
        }
        return null;
    }

    /**
     * Removes every message up to and including {@code number} once the broker has acknowledged them. By
     * number, not by count: while they were in flight the oldest may have been dropped to make room.
     */
    void removeThrough(long number) {
        while (!line.isEmpty() && line.peekFirst() <= number) {
            delete(line.removeFirst());
        }
    }

    /** Removes the oldest message once the broker has acknowledged it. */
    void removeFirst() {
        Long n = line.pollFirst();
        if (n != null) {
            delete(n);
        }
    }

    int size() {
        return line.size();
    }

    boolean isEmpty() {
        return line.isEmpty();
    }

    long dropped() {
        return dropped;
    }

    private Path file(long n) {
        return dir.resolve(String.format("%020d%s", n, SUFFIX));
    }

    private void delete(long n) {
        try {
            Files.deleteIfExists(file(n));
        } catch (IOException e) {
            throw new UncheckedIOException("buffer: cannot delete " + file(n), e);
        }
    }
}
