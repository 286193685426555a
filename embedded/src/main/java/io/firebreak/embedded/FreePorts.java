package io.firebreak.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/**
 * Small helpers for the embedded brokers: pick a free TCP port on the loopback interface and wait
 * until something listens on a port.
 *
 * <p>Every broker in this module binds to {@code 127.0.0.1} on a port chosen at start, so that
 * tests and the zero-install demo never collide with a locally installed service on the default
 * ports (1883, 9092, 8086).
 */
public final class FreePorts {

    private FreePorts() {
    }

    /**
     * Returns a TCP port on {@code 127.0.0.1} that was free a moment ago (bound then released).
     *
     * @return a port number between 1024 and 65535
     */
    public static int find() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /**
     * Returns whether a TCP connection to {@code 127.0.0.1:port} succeeds right now.
     *
     * @param port the port to probe
     * @return {@code true} if something accepts connections on it
     */
    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Polls {@link #isListening(int)} until it holds or the timeout expires.
     *
     * @param port the port to probe
     * @param timeout how long to wait at most
     * @return {@code true} if the port accepted a connection within the timeout
     */
    public static boolean awaitListening(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (isListening(port)) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return isListening(port);
    }
}
