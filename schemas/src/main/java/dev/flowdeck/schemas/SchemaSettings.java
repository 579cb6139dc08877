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
 *       {@code json-schema}, {@code json}, {@code text} or {@code binary}; {@code protobuf:shop.Payment} also names
 *       the message type, so values written without the registry's frame are read as that type from the descriptor
 *       set.</li>
 * </ul>
 */
public record SchemaSettings(Optional<String> registryUrl, String username, String password,
                             Optional<Path> descriptorSet, Map<String, TopicFormat> topicFormats,
                             Map<String, String> invalidFormats, Map<String, String> messageTypes) {

    public static final String PREFIX = "flowdeck.schema.";
    public static final String REGISTRY_URL = PREFIX + "registry.url";
    public static final String REGISTRY_USERNAME = PREFIX + "registry.username";
    public static final String REGISTRY_PASSWORD = PREFIX + "registry.password";
    public static final String PROTOBUF_DESCRIPTORS = PREFIX + "protobuf.descriptors";
    public static final String TOPIC_FORMAT = PREFIX + "format.";

    public SchemaSettings {
        topicFormats = Map.copyOf(topicFormats);
        invalidFormats = Map.copyOf(invalidFormats);
        messageTypes = Map.copyOf(messageTypes);
    }

    public SchemaSettings(Optional<String> registryUrl, String username, String password,
                          Optional<Path> descriptorSet, Map<String, TopicFormat> topicFormats,
                          Map<String, String> invalidFormats) {
        this(registryUrl, username, password, descriptorSet, topicFormats, invalidFormats, Map.of());
    }

    /**
     * Reads a (resolved) profile's settings. A topic format that is none of the known ones does not stop the
     * connection: that topic's values then say what is wrong ({@link #invalidFormats}).
     */
    public static SchemaSettings of(ConnectionProfile profile) {
        Map<String, String> properties = profile.clientProperties();
        Map<String, TopicFormat> formats = new HashMap<>();
        Map<String, String> invalid = new HashMap<>();
        Map<String, String> types = new HashMap<>();
        properties.forEach((name, value) -> {
            if (name.startsWith(TOPIC_FORMAT) && name.length() > TOPIC_FORMAT.length()) {
                String topic = name.substring(TOPIC_FORMAT.length());
                try {
                    TopicSetting setting = TopicSetting.parse(value);
                    formats.put(topic, setting.format());
                    if (!setting.messageType().isEmpty()) {
                        types.put(topic, setting.messageType());
                    }
                } catch (IllegalArgumentException unknown) {
                    invalid.put(topic, "The profile's " + name + " says " + value + ": " + unknown.getMessage());
                }
            }
        });
        return new SchemaSettings(nonBlank(properties.get(REGISTRY_URL)),
                properties.getOrDefault(REGISTRY_USERNAME, "").strip(), properties.getOrDefault(REGISTRY_PASSWORD, ""),
                nonBlank(properties.get(PROTOBUF_DESCRIPTORS)).map(Path::of), formats, invalid, types);
    }

    /** A topic's format and, for Protobuf, the message type it names: {@code protobuf:shop.Payment}. */
    record TopicSetting(TopicFormat format, String messageType) {

        /** @throws IllegalArgumentException a sentence naming the formats there are */
        static TopicSetting parse(String text) {
            String stripped = text.strip();
            int colon = stripped.indexOf(':');
            String formatText = colon < 0 ? stripped : stripped.substring(0, colon);
            String type = colon < 0 ? "" : stripped.substring(colon + 1).strip();
            TopicFormat format = TopicFormat.parse(formatText);
            if (!type.isEmpty() && format != TopicFormat.PROTOBUF) {
                throw new IllegalArgumentException("only a Protobuf format names a message type "
                        + "(protobuf:package.Message), not " + formatText + ".");
            }
            if (!type.isEmpty() && !type.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
                throw new IllegalArgumentException("a Protobuf message type is a full name such as shop.Payment, "
                        + "not " + type + ".");
            }
            return new TopicSetting(format, type);
        }

        /** As the profile stores it. */
        String text() {
            String name = format.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            return messageType.isEmpty() ? name : name + ":" + messageType;
        }
    }

    /**
     * These settings with one topic read as {@code text} ({@code auto} removes the topic's own format).
     *
     * @throws IllegalArgumentException a sentence when {@code text} is no format
     */
    public SchemaSettings withTopicFormat(String topic, String text) {
        TopicSetting setting = TopicSetting.parse(text);
        Map<String, TopicFormat> formats = new HashMap<>(topicFormats);
        Map<String, String> invalid = new HashMap<>(invalidFormats);
        Map<String, String> types = new HashMap<>(messageTypes);
        invalid.remove(topic);
        types.remove(topic);
        if (setting.format() == TopicFormat.AUTO) {
            formats.remove(topic);
        } else {
            formats.put(topic, setting.format());
        }
        if (!setting.messageType().isEmpty()) {
            types.put(topic, setting.messageType());
        }
        return new SchemaSettings(registryUrl, username, password, descriptorSet, formats, invalid, types);
    }

    /** These settings with another descriptor set (or none). */
    public SchemaSettings withDescriptorSet(Optional<Path> set) {
        return new SchemaSettings(registryUrl, username, password, set, topicFormats, invalidFormats, messageTypes);
    }

    /** The topic's format as the profile stores it: {@code auto}, {@code avro}, {@code protobuf:shop.Payment}... */
    public String formatText(String topic) {
        return new TopicSetting(formatOf(topic), messageTypes.getOrDefault(topic, "")).text();
    }

    /** The Protobuf message type the topic's format names, or empty. */
    public String messageTypeOf(String topic) {
        return messageTypes.getOrDefault(topic, "");
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
                + descriptorSet + ", topicFormats=" + topicFormats + ", messageTypes=" + messageTypes + "]";
    }
}
