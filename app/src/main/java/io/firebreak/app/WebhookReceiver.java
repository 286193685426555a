package io.firebreak.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.firebreak.telemetry.inventory.DrainTarget;
import io.firebreak.telemetry.inventory.SiteInventory;
import io.firebreak.telemetry.kafka.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The demo's stand-in for the traffic systems and the pager: a real HTTP server on loopback that takes
 * drain webhooks at {@code /drain/{target}}, checks their Standard Webhooks signature with that target's
 * secret, and takes PagerDuty Events v2 at {@code /pager}. Everything it received is kept for the
 * timeline.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One drain webhook as received. */
    public record Delivery(String target, String webhookId, boolean signatureValid, JsonNode body, long receivedAt) {
    }

    /** One pager event as received. */
    public record Page(JsonNode body, long receivedAt) {
    }

    private final HttpServer server;
    private final Map<String, DrainTarget> targets;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final List<Page> pages = new CopyOnWriteArrayList<>();

    public WebhookReceiver(List<DrainTarget> targets) throws IOException {
        this.targets = targets.stream().collect(Collectors.toMap(DrainTarget::id, Function.identity()));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/drain/", this::drain);
        server.createContext("/pager", this::page);
        server.start();
    }

    /** The base URL to point an inventory at with {@link SiteInventory#withEndpointsAt(URI)}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    public List<Page> pages() {
        return List.copyOf(pages);
    }

    private void drain(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String target = exchange.getRequestURI().getPath().substring("/drain/".length());
        DrainTarget known = targets.get(target);
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        boolean valid = known != null && verify(known.secret().reveal(), id,
                exchange.getRequestHeaders().getFirst("webhook-timestamp"), body,
                exchange.getRequestHeaders().getFirst("webhook-signature"));
        deliveries.add(new Delivery(target, id, valid, Json.mapper().readTree(body), System.currentTimeMillis()));
        respond(exchange, valid ? 200 : 401);
    }

    private void page(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        pages.add(new Page(Json.mapper().readTree(body), System.currentTimeMillis()));
        respond(exchange, 202);
    }

    private static void respond(HttpExchange exchange, int status) throws IOException {
        byte[] reply = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", "application/json");
        exchange.sendResponseHeaders(status, reply.length);
        exchange.getResponseBody().write(reply);
        exchange.close();
    }

    /** The Standard Webhooks check, written from the specification independently of the sender. */
    static boolean verify(String secret, String id, String timestamp, byte[] body, String signatureHeader) {
        if (id == null || timestamp == null || signatureHeader == null || !secret.startsWith("whsec_")) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body);
            for (String candidate : signatureHeader.split(" ")) {
                if (candidate.startsWith("v1,")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(candidate.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
