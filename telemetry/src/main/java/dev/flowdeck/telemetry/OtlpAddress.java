package dev.flowdeck.telemetry;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A collector's OTLP/HTTP address for one signal, as an operator gives it: an option's URL gets the signal's path
 * ({@code /v1/traces}, {@code /v1/metrics}) only when it has none; the standard {@code OTEL_EXPORTER_OTLP_ENDPOINT}
 * is a base URL, so the path is always appended (as the OpenTelemetry specification has it).
 */
public final class OtlpAddress {

    /** The standard variable a team may already point its tools at a collector with. */
    public static final String ENVIRONMENT = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public static final String TRACES = "/v1/traces";
    public static final String METRICS = "/v1/metrics";

    private OtlpAddress() {
    }

    /**
     * @param given what the address was given as ({@code --otlp-endpoint}, the variable's name), for the error
     * @param base  whether {@code text} is a base URL (the environment variable) rather than an option's URL
     * @throws IllegalArgumentException with a sentence naming {@code given}, for anything but an http(s) URL
     */
    public static URI forSignal(String text, String given, String path, boolean base) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null
                || !"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException(given + " takes a collector's OTLP/HTTP address such as "
                    + "http://localhost:4318: '" + text + "' is not one.");
        }
        if (base) {
            return URI.create(uri.toString().replaceAll("/+$", "") + path);
        }
        String own = uri.getRawPath() == null ? "" : uri.getRawPath();
        return own.isEmpty() || own.equals("/") ? uri.resolve(path) : uri;
    }
}
