package dev.flowdeck.connectors.rabbitmq;

import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.Credentials;
import dev.flowdeck.core.profile.AmqpAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a RabbitMQ profile points: the AMQP URI ({@code amqp://host:5672/vhost} or {@code amqps://...}), the
 * management API (property {@code management.url}, else the same host on 15672, or 15671 for TLS) and who to be.
 * Credentials come from the keychain; a user name in the URI is honoured, a password there never stored.
 */
record RabbitEndpoint(URI amqp, String host, int port, String vhost, boolean tls, String managementUrl,
                      Credentials credentials) {

    static final String MANAGEMENT_URL = "management.url";

    static RabbitEndpoint of(ConnectionProfile profile, Credentials given) {
        URI uri;
        try {
            uri = URI.create(profile.address().trim());
        } catch (IllegalArgumentException e) {
            throw new BrokerException("'" + AmqpAddress.masked(profile.address()) + "' is not an AMQP URI. Write it "
                    + "as amqp://host:5672/vhost (or amqps:// for TLS).", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!scheme.equals("amqp") && !scheme.equals("amqps") || uri.getHost() == null) {
            throw new BrokerException("'" + AmqpAddress.masked(profile.address()) + "' is not an AMQP URI. Write it "
                    + "as amqp://host:5672/vhost (or amqps:// for TLS).", null);
        }
        boolean tls = scheme.equals("amqps");
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 5671 : 5672;
        String path = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "/"
                : URLDecoder.decode(uri.getRawPath().substring(1), StandardCharsets.UTF_8);
        String management = profile.clientProperties().getOrDefault(MANAGEMENT_URL,
                (tls ? "https" : "http") + "://" + uri.getHost() + ":" + (tls ? 15671 : 15672) + "/api/");
        Credentials credentials = given;
        if (!credentials.isPresent() && uri.getUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            credentials = new Credentials(parts[0], parts.length > 1 ? parts[1] : "");
        }
        if (!credentials.isPresent()) {
            credentials = new Credentials("guest", "guest");
        }
        String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
        URI withoutUser = URI.create(scheme + "://" + uri.getHost() + ":" + port + rawPath);
        return new RabbitEndpoint(withoutUser, uri.getHost(), port, path, tls,
                management.endsWith("/") ? management : management + "/", credentials);
    }

    /** For messages: never with credentials. */
    String display() {
        return host + ":" + port;
    }
}
