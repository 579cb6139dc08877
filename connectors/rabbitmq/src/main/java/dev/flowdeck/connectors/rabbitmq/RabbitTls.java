package dev.flowdeck.connectors.rabbitmq;

import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.broker.ConnectionProfile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS context of an {@code amqps://} (or {@code https://} management) profile, from the same properties Kafka
 * profiles use: {@code ssl.truststore.location/password/type} for whom to trust, and
 * {@code ssl.keystore.location/password/type} for a client certificate. Without them, the JDK's default trust.
 */
final class RabbitTls {

    private RabbitTls() {
    }

    static SSLContext context(ConnectionProfile profile) {
        Map<String, String> properties = profile.clientProperties();
        String truststore = properties.get("ssl.truststore.location");
        String keystore = properties.get("ssl.keystore.location");
        try {
            if (truststore == null && keystore == null) {
                return SSLContext.getDefault();
            }
            TrustManagerFactory trust = null;
            if (truststore != null) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(load(truststore, properties.get("ssl.truststore.password"),
                        properties.getOrDefault("ssl.truststore.type", "PKCS12")));
            }
            KeyManagerFactory keys = null;
            if (keystore != null) {
                String password = properties.getOrDefault("ssl.keystore.password", "");
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load(keystore, password, properties.getOrDefault("ssl.keystore.type", "PKCS12")),
                        password.toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(),
                    null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new BrokerException("The profile's trust or key store cannot be used: " + e.getMessage()
                    + ". Check its path, type and password.", e);
        }
    }

    private static KeyStore load(String location, String password, String type)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            store.load(in, password == null ? null : password.toCharArray());
        }
        return store;
    }
}
