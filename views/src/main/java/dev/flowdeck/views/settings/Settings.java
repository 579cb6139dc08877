package dev.flowdeck.views.settings;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What the operator sets once for the whole app, beside the per-cluster profiles.
 *
 * @param otlpEndpoint     where Flowdeck sends its own spans (OTLP over HTTP, the traces path included); empty: off
 * @param traceUrlTemplate the tracing UI's address for a trace, with {@code {traceId}} in it, for every cluster
 *                         whose profile names none; empty: no link
 */
public record Settings(Optional<URI> otlpEndpoint, Optional<String> traceUrlTemplate) {

    public static final Settings NONE = new Settings(Optional.empty(), Optional.empty());

    public Settings {
        Objects.requireNonNull(otlpEndpoint, "otlpEndpoint");
        Objects.requireNonNull(traceUrlTemplate, "traceUrlTemplate");
    }
}
