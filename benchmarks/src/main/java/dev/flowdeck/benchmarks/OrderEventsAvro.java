package dev.flowdeck.benchmarks;

import com.sun.net.httpserver.HttpServer;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.schemas.SchemaDecoder;
import dev.flowdeck.schemas.SchemaSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The order events as Avro in the schema registry's wire format, and the registry they name: the JDK's HTTP server
 * answering {@code GET /schemas/ids/1} (and its {@code /versions}) as the Confluent-compatible API documents it, so
 * the benchmark needs no registry of its own. The schema mirrors {@link OrderEvents#value}'s JSON field for field.
 */
final class OrderEventsAvro implements AutoCloseable {

    static final int SCHEMA_ID = 1;

    static final String SCHEMA = """
            {"type":"record","name":"OrderEvent","namespace":"shop","fields":[
              {"name":"type","type":"string"},
              {"name":"eventId","type":"string"},
              {"name":"orderId","type":"string"},
              {"name":"occurredAt","type":"string"},
              {"name":"customer","type":{"type":"record","name":"Customer","fields":[
                {"name":"id","type":"string"},{"name":"name","type":"string"},
                {"name":"email","type":"string"},{"name":"tier","type":"string"}]}},
              {"name":"amount","type":"double"},
              {"name":"currency","type":"string"},
              {"name":"items","type":{"type":"array","items":{"type":"record","name":"Item","fields":[
                {"name":"sku","type":"string"},{"name":"qty","type":"int"},{"name":"price","type":"double"}]}}},
              {"name":"shipping","type":{"type":"record","name":"Shipping","fields":[
                {"name":"method","type":"string"},{"name":"country","type":"string"},
                {"name":"postcode","type":"string"}]}},
              {"name":"status","type":"string"},
              {"name":"channel","type":"string"},
              {"name":"correlationId","type":["null","string"],"default":null}
            ]}""";

    private final HttpServer server;
    private final String url;

    OrderEventsAvro() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String escaped = SCHEMA.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ");
        byte[] schema = ("{\"schema\":\"" + escaped + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] versions = "[{\"subject\":\"orders.avro-value\",\"version\":1}]".getBytes(StandardCharsets.UTF_8);
        byte[] missing = "{\"error_code\":40403,\"message\":\"Schema not found\"}".getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                byte[] body = path.equals("/schemas/ids/" + SCHEMA_ID) ? schema
                        : path.equals("/schemas/ids/" + SCHEMA_ID + "/versions") ? versions : missing;
                exchange.sendResponseHeaders(body == missing ? 404 : 200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A profile for that broker naming this registry, as an operator would save it. */
    ConnectionProfile profile(String bootstrapServers) {
        return ConnectionProfile.kafka("benchmarks-avro", bootstrapServers)
                .withProperties(Map.of(SchemaSettings.REGISTRY_URL, url));
    }

    /** Record {@code i}'s JSON written as Avro by the schemas module's own writer, framed with the schema id. */
    static byte[] value(SchemaDecoder decoder, long i) {
        return decoder.encodeAvro(SCHEMA_ID, OrderEvents.value(i));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
