package dev.flowdeck.schemas;

import dev.flowdeck.core.broker.ConnectionProfile;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A profile's schema settings, kept as its {@code flowdeck.schema.*} client properties (Flowdeck's own, never passed
 * to the Kafka client; the password, like every secret property, lives in the keychain and reaches here only in a
 * resolved profile):
 *
 * <ul>
 *   <li>{@code flowdeck.schema.registry.url}: the registry's base URL (Confluent-compatible API);</li>
 *   <li>{@code flowdeck.schema.registry.username} and {@code flowdeck.schema.registry.password}: basic
 *       authentication, where the registry asks for it;</li>
 *   <li>{@code flowdeck.schema.protobuf.descriptors}: a descriptor set file for Protobuf schemas that the registry
 *       serves as {@code .proto} text only;</li>
 *   <li>{@code flowdeck.schema.format.<topic>}: {@code auto} (the default), {@code avro}, {@code protobuf},
 *       {@code json-schema}, {@code json}, {@code text} or {@code binary}.</li>
 * </ul>
 */
public record SchemaSettings(Optional<String> registryUrl, String username, String password,
                             Optional<Path> descriptorSet, Map<String, TopicFormat> topicFormats,
                             Map<String, String> invalidFormats) {

    public static final String PREFIX = "flowdeck.schema.";
    public static final String REGISTRY_URL = PREFIX + "registry.url";
    public static final String REGISTRY_USERNAME = PREFIX + "registry.username";
    public static final String REGISTRY_PASSWORD = PREFIX + "registry.password";
    public static final String PROTOBUF_DESCRIPTORS = PREFIX + "protobuf.descriptors";
    public static final String TOPIC_FORMAT = PREFIX + "format.";

    public SchemaSettings {
        topicFormats = Map.copyOf(topicFormats);
        invalidFormats = Map.copyOf(invalidFormats);
    }

    /**
     * Reads a (resolved) profile's settings. A topic format that is none of the known ones does not stop the
     * connection: that topic's values then say what is wrong ({@link #invalidFormats}).
     */
    public static SchemaSettings of(ConnectionProfile profile) {
        Map<String, String> properties = profile.clientProperties();
        Map<String, TopicFormat> formats = new HashMap<>();
        Map<String, String> invalid = new HashMap<>();
        properties.forEach((name, value) -> {
            if (name.startsWith(TOPIC_FORMAT) && name.length() > TOPIC_FORMAT.length()) {
                String topic = name.substring(TOPIC_FORMAT.length());
                try {
                    formats.put(topic, TopicFormat.parse(value));
                } catch (IllegalArgumentException unknown) {
                    invalid.put(topic, "The profile's " + name + " says " + value + ": " + unknown.getMessage());
                }
            }
        });
        return new SchemaSettings(nonBlank(properties.get(REGISTRY_URL)),
                properties.getOrDefault(REGISTRY_USERNAME, "").strip(), properties.getOrDefault(REGISTRY_PASSWORD, ""),
                nonBlank(properties.get(PROTOBUF_DESCRIPTORS)).map(Path::of), formats, invalid);
    }

    /** Whether there is anything to read values with: else the profile's values are shown as their bytes say. */
    public boolean configured() {
        return registryUrl.isPresent() || descriptorSet.isPresent() || !topicFormats.isEmpty()
                || !invalidFormats.isEmpty();
    }

    public TopicFormat formatOf(String topic) {
        return topicFormats.getOrDefault(topic, TopicFormat.AUTO);
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "SchemaSettings[registryUrl=" + registryUrl + ", username=" + username + ", descriptorSet="
                + descriptorSet + ", topicFormats=" + topicFormats + "]";
    }
}
