package io.firebreak.streams.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.firebreak.streams.room.RoomState;
import io.firebreak.streams.topology.RoomDecider;
import io.firebreak.telemetry.auth.EndpointTls;
import io.firebreak.telemetry.auth.OperatorAccess;
import io.firebreak.telemetry.auth.RequestGuard;
import io.firebreak.telemetry.auth.Verdict;
import io.firebreak.telemetry.decision.RiskLevel;
import io.firebreak.telemetry.kafka.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detection query endpoint (Kafka Streams interactive queries), for operators and the alerting
 * service: {@code GET /rooms/{site}/{room}} answers a room's level, evidence and per-rack levels, or
 * redirects to the instance that holds that room; {@code GET /sites/{site}} answers the site's level
 * from the rooms this instance holds and lists the other instances to ask.
 *
 * <p>Every request must come from an operator ({@link RequestGuard}: a bearer token or a client certificate, a
 * {@code Host} that names this endpoint, no foreign {@code Origin}); a refusal answers 401/403 and is logged as
 * {@code event=query_refused}. The endpoint binds to loopback unless configured otherwise, and serves HTTPS
 * when TLS is configured.
 */
public final class QueryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueryServer.class);

    private final KafkaStreams streams;
    private final HostInfo self;
    private final HttpServer server;
    private final RequestGuard guard;
    private final String scheme;

    public QueryServer(KafkaStreams streams, String bindHost, String advertisedHost, int port, OperatorAccess access) {
        this.streams = streams;
        this.self = new HostInfo(advertisedHost, port);
        this.guard = new RequestGuard(access, List.of(bindHost, advertisedHost));
        this.scheme = access.scheme();
        this.server = EndpointTls.bind(bindHost, port, access.tls(), "detect.query_port");
        server.createContext("/rooms/", guarded(this::room));
        server.createContext("/sites/", guarded(this::site));
        server.start();
        LOG.info("event=detect_query_started address={}://{}:{} advertised={}:{} operators={}", scheme, bindHost,
                server.getAddress().getPort(), advertisedHost, port, access.credentials().operators().size());
        if (access.credentials().isEmpty()) {
            LOG.warn("event=detect_query_locked reason=no_operators_configured hint=\"every query is refused: run "
                    + "'firebreak operator-token NAME' and add the printed line under operators.accounts in firebreak.yaml\"");
        }
    }

    /** The port it listens on. */
    int port() {
        return server.getAddress().getPort();
    }

    private HttpHandler guarded(HttpHandler handler) {
        return exchange -> {
            if (!"GET".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, error("method: GET only"));
                return;
            }
            Verdict verdict = guard.admit(exchange, false);
            if (verdict instanceof Verdict.Refused refused) {
                LOG.warn("event=query_refused status={} reason={} path={} claimed={} remote={}", refused.status(),
                        refused.reason(), exchange.getRequestURI().getPath().replaceAll("[^A-Za-z0-9_./-]", "?"),
                        refused.claimed() == null ? "-" : refused.claimed().replaceAll("[^A-Za-z0-9_.@-]", "?"),
                        exchange.getRemoteAddress().getAddress().getHostAddress());
                RequestGuard.answer(exchange, refused);
                return;
            }
            handler.handle(exchange);
        };
    }

    private void room(HttpExchange exchange) throws IOException {
        String[] parts = exchange.getRequestURI().getPath().substring("/rooms/".length()).split("/");
        if (parts.length != 2) {
            respond(exchange, 400, error("use /rooms/{site}/{room}"));
            return;
        }
        String key = parts[0] + "/" + parts[1];
        try {
            KeyQueryMetadata owner = streams.queryMetadataForKey(RoomDecider.ROOM_STATE, key, Serdes.String().serializer());
            if (owner != KeyQueryMetadata.NOT_AVAILABLE && !owner.activeHost().equals(self)) {
                exchange.getResponseHeaders().add("location", scheme + "://" + owner.activeHost().host() + ":"
                        + owner.activeHost().port() + exchange.getRequestURI().getPath());
                respond(exchange, 307, error("held by " + owner.activeHost().host() + ":" + owner.activeHost().port()));
                return;
            }
            respond(exchange, 200, LevelQueries.room(parts[0], parts[1], store().get(key)));
        } catch (RuntimeException e) {
            // rebalancing or not yet running: the caller retries
            respond(exchange, 503, error("detection state not available now: " + e.getMessage()));
        }
    }

    private void site(HttpExchange exchange) throws IOException {
        String site = exchange.getRequestURI().getPath().substring("/sites/".length());
        try {
            ObjectNode body = Json.mapper().createObjectNode().put("site", site);
            ArrayNode rooms = body.putArray("rooms");
            RiskLevel worst = RiskLevel.NORMAL;
            try (KeyValueIterator<String, RoomState> all = store().all()) {
                while (all.hasNext()) {
                    KeyValue<String, RoomState> entry = all.next();
                    String[] siteRoom = entry.key.split("/", 2);
                    if (siteRoom[0].equals(site)) {
                        rooms.add(LevelQueries.room(siteRoom[0], siteRoom[1], entry.value));
                        worst = entry.value.level().compareTo(worst) > 0 ? entry.value.level() : worst;
                    }
                }
            }
            body.put("level", LevelQueries.name(worst));
            ArrayNode others = body.putArray("other_instances");
            streams.metadataForAllStreamsClients().stream().map(m -> m.hostInfo()).filter(h -> !h.equals(self))
                    .forEach(h -> others.add(h.host() + ":" + h.port()));
            respond(exchange, 200, body);
        } catch (RuntimeException e) {
            respond(exchange, 503, error("detection state not available now: " + e.getMessage()));
        }
    }

    private ReadOnlyKeyValueStore<String, RoomState> store() {
        return streams.store(StoreQueryParameters.fromNameAndType(RoomDecider.ROOM_STATE, QueryableStoreTypes.keyValueStore()));
    }

    private static ObjectNode error(String message) {
        return Json.mapper().createObjectNode().put("error", message);
    }

    private static void respond(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = Json.mapper().writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
