package dev.flowdeck.schemas;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.flowdeck.core.broker.ConnectionProfile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A schema registry of the JDK's HTTP server, answering the Confluent-compatible REST API as its documentation
 * describes it (no real registry runs here: see the README's schemas section): {@code GET /schemas/ids/{id}} with
 * {@code schema} and {@code schemaType} (left out for Avro), {@code ?format=serialized} giving a Protobuf schema as a
 * base64 {@code FileDescriptorProto} (Confluent) or the text again (registries that do not serialize),
 * {@code GET /schemas/ids/{id}/versions}, {@code GET /subjects/{subject}/versions[/{version}]} (also with
 * {@code ?format=serialized}), each schema's {@code references} (name, subject, version) where it has any, errors as
 * {@code {"error_code":40403,"message":"Schema not found"}} with HTTP 404, and basic authentication when asked to.
 */
final class TestRegistry implements AutoCloseable {

    record Stored(int id, String type, String text, String subject, int version, byte[] descriptor,
                  List<RegisteredSchema.Reference> references) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    final AtomicInteger requests = new AtomicInteger();
    private final Map<Integer, Stored> byId = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final HttpServer server;
    private volatile String requiredAuthorization;

    TestRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A Kafka profile naming this registry, with {@code more} of the profile's properties. */
    ConnectionProfile profile(Map<String, String> more) {
        var properties = new HashMap<>(more);
        properties.put(SchemaSettings.REGISTRY_URL, url());
        return ConnectionProfile.kafka("p", "k:9092").withProperties(properties);
    }

    void requireBasicAuth(String user, String password) {
        requiredAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Registers a schema under the next id; a Protobuf {@code descriptor} is served with format=serialized. */
    int register(String subject, String type, String text, byte[] descriptor) {
        return register(subject, type, text, descriptor, List.of());
    }

    /** As {@link #register(String, String, String, byte[])}, naming the schemas it refers to ({@code references}). */
    int register(String subject, String type, String text, byte[] descriptor,
                 List<RegisteredSchema.Reference> references) {
        int id = nextId.getAndIncrement();
        int version = (int) byId.values().stream().filter(s -> s.subject().equals(subject)).count() + 1;
        byId.put(id, new Stored(id, type, text, subject, version, descriptor, references));
        return id;
    }

    private static void addReferences(ObjectNode body, Stored stored) {
        if (stored.references().isEmpty()) {
            return; // as the registry does: no references, no field
        }
        ArrayNode references = body.putArray("references");
        for (RegisteredSchema.Reference reference : stored.references()) {
            references.addObject().put("name", reference.name()).put("subject", reference.subject())
                    .put("version", reference.version());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            String auth = requiredAuthorization;
            if (auth != null && !auth.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                error(exchange, 401, 40101, "Unauthorized");
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getQuery();
            String[] parts = path.substring(1).split("/");
            if (parts.length >= 3 && parts[0].equals("schemas") && parts[1].equals("ids")) {
                Stored stored = byId.get(Integer.parseInt(parts[2]));
                if (stored == null) {
                    error(exchange, 404, 40403, "Schema " + parts[2] + " not found");
                } else if (parts.length == 4 && parts[3].equals("versions")) {
                    ArrayNode versions = JSON.createArrayNode();
                    versions.addObject().put("subject", stored.subject()).put("version", stored.version());
                    reply(exchange, versions);
                } else {
                    ObjectNode body = JSON.createObjectNode();
                    boolean serialized = "format=serialized".equals(query) && stored.descriptor() != null;
                    body.put("schema", serialized ? Base64.getEncoder().encodeToString(stored.descriptor())
                            : stored.text());
                    if (!stored.type().equals("AVRO")) {
                        body.put("schemaType", stored.type());
                    }
                    addReferences(body, stored);
                    reply(exchange, body);
                }
            } else if (parts.length >= 3 && parts[0].equals("subjects") && parts[2].equals("versions")) {
                String subject = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
                List<Stored> versions = new ArrayList<>(byId.values().stream()
                        .filter(s -> s.subject().equals(subject)).sorted((a, b) -> a.version() - b.version())
                        .toList());
                if (versions.isEmpty()) {
                    error(exchange, 404, 40401, "Subject '" + subject + "' not found.");
                } else if (parts.length == 3) {
                    ArrayNode numbers = JSON.createArrayNode();
                    versions.forEach(s -> numbers.add(s.version()));
                    reply(exchange, numbers);
                } else {
                    Stored chosen = parts[3].equals("latest") ? versions.getLast()
                            : versions.stream().filter(s -> s.version() == Integer.parseInt(parts[3])).findFirst()
                            .orElse(null);
                    if (chosen == null) {
                        error(exchange, 404, 40402, "Version " + parts[3] + " not found.");
                        return;
                    }
                    boolean serialized = "format=serialized".equals(query) && chosen.descriptor() != null;
                    ObjectNode body = JSON.createObjectNode().put("subject", subject)
                            .put("version", chosen.version()).put("id", chosen.id()).put("schema", serialized
                                    ? Base64.getEncoder().encodeToString(chosen.descriptor()) : chosen.text());
                    if (!chosen.type().equals("AVRO")) {
                        body.put("schemaType", chosen.type());
                    }
                    addReferences(body, chosen);
                    reply(exchange, body);
                }
            } else {
                error(exchange, 404, 404, "HTTP 404 Not Found");
            }
        }
    }

    private static void reply(HttpExchange exchange, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void error(HttpExchange exchange, int status, int code, String message) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(Map.of("error_code", code, "message", message));
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
