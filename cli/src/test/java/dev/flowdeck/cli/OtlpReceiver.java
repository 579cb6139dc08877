package dev.flowdeck.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The smallest OTLP/HTTP collector a test needs: the JDK's HTTP server on a free loopback port, taking POSTs to
 * {@code /v1/metrics} and {@code /v1/traces}, answering 200 (404 elsewhere) and keeping every request. Protobuf writes strings as their plain UTF-8 bytes,
 * so a body's metric names, attribute values and resource are found with {@link Request#text()}.
 */
final class OtlpReceiver implements AutoCloseable {

    /** One export as it arrived. */
    record Request(String method, String path, String contentType, byte[] body) {

        /** The body read as Latin-1: every byte one character, so protobuf's strings show as they are. */
        String text() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }
    }

    private static final java.util.Set<String> SIGNALS = java.util.Set.of("/v1/metrics", "/v1/traces");

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        var receiver = new OtlpReceiver(server);
        server.createContext("/", receiver::handle);
        server.start();
        return receiver;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), in.readAllBytes()));
            boolean signal = exchange.getRequestMethod().equals("POST")
                    && SIGNALS.contains(exchange.getRequestURI().getPath());
            // An empty Export*ServiceResponse is zero bytes of protobuf: full success.
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(signal ? 200 : 404, -1);
        }
    }

    /** The collector's base address, as an operator would give it to --otlp or --otlp-endpoint. */
    String address() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests to one path ({@code /v1/traces}). */
    List<Request> requests(String path) {
        return requests.stream().filter(request -> request.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
