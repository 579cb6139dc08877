package dev.flowdeck.connectors.kafka;

import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.Credentials;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The client settings for one profile: the profile's own properties first, then what Flowdeck insists on for
 * each client (a browser never has a group, a producer is always idempotent with {@code acks=all}).
 */
final class KafkaClientConfig {

    private final ConnectionProfile profile;
    private final Credentials credentials;

    KafkaClientConfig(ConnectionProfile profile, Credentials credentials) {
        this.profile = profile;
        this.credentials = credentials;
    }

    Map<String, Object> admin() {
        Map<String, Object> config = common("flowdeck-admin");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) KafkaBrokerConnection.API_TIMEOUT.toMillis() * 2 / 3);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) KafkaBrokerConnection.API_TIMEOUT.toMillis());
        // An operator watching a dead cluster should not see the client hammer it.
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5_000);
        return config;
    }

    /** The most records a browse's poll returns, unless the profile's client properties say otherwise. */
    static final int BROWSE_BATCH = 2_000;

    /** A consumer that can only be assigned partitions: no group, no commits, ever. */
    Map<String, Object> browser(int number) {
        Map<String, Object> config = common("flowdeck-browse-" + number);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        // A poll is a batch: for a filtered scan, one task for the filter pool and one hand-over. At the client's
        // default of 500 that overhead was a tenth of a JSONPath scan's CPU (decision 0020).
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, BROWSE_BATCH);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) KafkaBrokerConnection.API_TIMEOUT.toMillis());
        return config;
    }

    /**
     * The consumer that reads when waiting records were written, for lag in time: a browser's rules (no group, no
     * commits), fetching little at a time, since it wants one record of each partition it reads. 64 KiB a
     * partition holds a whole batch of a producer's default 16 KiB; a bigger batch still comes, alone in a fetch.
     */
    Map<String, Object> timeLag(int number) {
        Map<String, Object> config = browser(0);
        // Numbered like the browsers: two clients of one id in a JVM clash over their JMX names.
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, profile.clientProperties()
                .getOrDefault(CommonClientConfigs.CLIENT_ID_CONFIG, "flowdeck-lag-" + number));
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 4 * 1024 * 1024);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        // Only a partition with nothing left to read waits; it should not hold up the round.
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        // Retention may delete a record between the offsets' read and the fetch: then the first one still there.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return config;
    }

    Map<String, Object> producer() {
        Map<String, Object> config = common("flowdeck-producer");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) KafkaBrokerConnection.API_TIMEOUT.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        return config;
    }

    private Map<String, Object> common(String clientId) {
        Map<String, Object> config = new HashMap<>();
        // flowdeck.* properties are Flowdeck's own per-profile settings (dead-letter header mappings, marks), not
        // the client's: passed on, Kafka would warn about each as an unknown config.
        profile.clientProperties().forEach((name, value) -> {
            if (!name.startsWith("flowdeck.")) {
                config.put(name, value);
            }
        });
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, profile.address());
        config.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        loginWithCredentials(config);
        return config;
    }

    /**
     * A user and password become the JAAS line of the profile's SASL mechanism, so the operator never writes one
     * (and the password never sits in a property). An explicit {@code sasl.jaas.config} wins.
     */
    private void loginWithCredentials(Map<String, Object> config) {
        Object protocol = config.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
        if (!credentials.isPresent() || config.containsKey(SaslConfigs.SASL_JAAS_CONFIG)
                || protocol == null || !protocol.toString().toUpperCase(Locale.ROOT).startsWith("SASL")) {
            return;
        }
        String mechanism = config.getOrDefault(SaslConfigs.SASL_MECHANISM, "PLAIN").toString().toUpperCase(Locale.ROOT);
        String module = switch (mechanism) {
            case "PLAIN" -> "org.apache.kafka.common.security.plain.PlainLoginModule";
            case "SCRAM-SHA-256", "SCRAM-SHA-512" -> "org.apache.kafka.common.security.scram.ScramLoginModule";
            default -> null; // GSSAPI, OAUTHBEARER: configured by their own properties
        };
        if (module != null) {
            config.put(SaslConfigs.SASL_JAAS_CONFIG, module + " required username=\"" + quoted(credentials.username())
                    + "\" password=\"" + quoted(credentials.password()) + "\";");
        }
    }

    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
