package dev.flowdeck.replay;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.publish.OutgoingMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * A plan as a JSON file, so one person plans, a second reviews, and either applies. Bytes are base64 (keys, values
 * and headers are arbitrary bytes); a null stays null. The file names its format and version: a plan from a newer
 * Flowdeck is refused rather than half-read.
 *
 * <p>The mapping is written out by hand rather than left to Jackson's record binding, so renaming a Java field can
 * never silently change the file format a reviewer's copy of Flowdeck reads.
 */
public final class PlanFile {

    public static final String FORMAT = "flowdeck-replay-plan";
    public static final int VERSION = 1;

    /**
     * Non-ASCII is written as {@code \\u} escapes: the file survives any editor or mail client a review passes
     * through, and a string that is not valid Unicode (a lone surrogate from a header name) reads back unchanged
     * instead of failing to encode as UTF-8.
     */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder UNB64 = Base64.getDecoder();

    private PlanFile() {
    }

    /**
     * Writes the plan whole or not at all: a temporary file, forced, then moved over {@code file}. The file is
     * readable by its owner only (where the file system has POSIX permissions): a plan holds the events' values
     * as read, personal data included (decision 0022), so it is kept like the audit log, never world-readable.
     */
    public static void write(ReplayPlan plan, Path file) {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(temporary); // a crash's leftover, perhaps made before plans were owner-only
            boolean posix = temporary.getFileSystem().supportedFileAttributeViews().contains("posix");
            Files.createFile(temporary, posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------"))} : new FileAttribute<?>[0]);
            Files.write(temporary, toJson(plan));
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("The plan could not be saved to " + file + ": " + e.getMessage(), e);
        }
    }

    public static ReplayPlan read(Path file) {
        try {
            return fromJson(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("The plan " + file + " could not be read: " + e.getMessage(), e);
        }
    }

    public static byte[] toJson(ReplayPlan plan) {
        ObjectNode root = JSON.createObjectNode()
                .put("format", FORMAT)
                .put("version", VERSION)
                .put("id", plan.id())
                .put("createdAt", plan.createdAt().toString())
                .put("source", plan.source())
                .put("mode", plan.mode().name())
                .put("maxReplays", plan.maxReplays());
        ArrayNode events = root.putArray("events");
        for (PlannedEvent event : plan.events()) {
            ObjectNode node = events.addObject().put("key", event.key());
            node.set("deadLetter", browsed(event.deadLetter()));
            node.set("target", target(event.target()));
            ArrayNode transforms = node.putArray("transforms");
            event.transforms().forEach(transform -> transforms.add(transform(transform)));
            node.put("replayCount", event.replayCount());
            node.set("message", outgoing(event.message()));
        }
        ArrayNode held = root.putArray("held");
        for (HeldEvent event : plan.held()) {
            ObjectNode node = held.addObject().put("key", event.key());
            node.set("deadLetter", browsed(event.deadLetter()));
            node.put("why", event.why().name()).put("reason", event.reason());
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ReplayPlan fromJson(byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new PlanFileException("This is not a replay plan (not JSON: " + e.getMessage() + ").");
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new PlanFileException("This is not a Flowdeck replay plan.");
        }
        int version = root.path("version").asInt(-1);
        if (version > VERSION) {
            throw new PlanFileException("This plan was made by a newer Flowdeck (plan format " + version
                    + "); this one reads format " + VERSION + ". Apply it with the newer version.");
        }
        if (version != VERSION) {
            throw new PlanFileException("This plan's format version (" + version + ") is not one Flowdeck knows.");
        }
        try {
            List<PlannedEvent> events = new ArrayList<>();
            for (JsonNode node : root.required("events")) {
                List<Transform> transforms = new ArrayList<>();
                node.required("transforms").forEach(transform -> transforms.add(transform(transform)));
                events.add(new PlannedEvent(node.required("key").asText(), browsed(node.required("deadLetter")),
                        target(node.required("target")), transforms, node.required("replayCount").asInt(),
                        outgoing(node.required("message"))));
            }
            List<HeldEvent> held = new ArrayList<>();
            for (JsonNode node : root.required("held")) {
                held.add(new HeldEvent(node.required("key").asText(), browsed(node.required("deadLetter")),
                        HeldEvent.Why.valueOf(node.required("why").asText()), node.required("reason").asText()));
            }
            return new ReplayPlan(root.required("id").asText(), Instant.parse(root.required("createdAt").asText()),
                    root.required("source").asText(), ReplayMode.valueOf(root.required("mode").asText()),
                    root.required("maxReplays").asInt(), events, held);
        } catch (RuntimeException damaged) {
            throw new PlanFileException("This replay plan is damaged: " + damaged.getMessage());
        }
    }

    private static ObjectNode browsed(BrowsedMessage message) {
        ObjectNode node = JSON.createObjectNode()
                .put("destination", message.destination())
                .put("partition", message.partition())
                .put("offset", message.offset())
                .put("timestamp", message.timestamp() == null ? null : message.timestamp().toString())
                .put("key", bytes(message.key()))
                .put("value", bytes(message.value()));
        node.set("headers", headers(message.headers()));
        node.put("redelivered", message.redelivered());
        node.set("properties", properties(message.properties()));
        return node;
    }

    private static BrowsedMessage browsed(JsonNode node) {
        JsonNode timestamp = node.required("timestamp");
        return new BrowsedMessage(node.required("destination").asText(), node.required("partition").asInt(),
                node.required("offset").asLong(), timestamp.isNull() ? null : Instant.parse(timestamp.asText()),
                bytes(node.required("key")), bytes(node.required("value")), headers(node.required("headers")),
                node.required("redelivered").asBoolean(), properties(node.required("properties")));
    }

    private static ObjectNode outgoing(OutgoingMessage message) {
        ObjectNode node = JSON.createObjectNode().put("destination", message.destination());
        if (message.partition().isPresent()) {
            node.put("partition", message.partition().getAsInt());
        } else {
            node.putNull("partition");
        }
        node.put("key", bytes(message.key())).put("value", bytes(message.value()));
        node.set("headers", headers(message.headers()));
        node.set("properties", properties(message.properties()));
        return node;
    }

    private static OutgoingMessage outgoing(JsonNode node) {
        JsonNode partition = node.required("partition");
        return new OutgoingMessage(node.required("destination").asText(),
                partition.isNull() ? OptionalInt.empty() : OptionalInt.of(partition.asInt()),
                bytes(node.required("key")), bytes(node.required("value")), headers(node.required("headers")),
                properties(node.required("properties")));
    }

    private static ObjectNode target(ReplayTarget target) {
        return switch (target) {
            case ReplayTarget.KafkaTopic topic -> {
                ObjectNode node = JSON.createObjectNode().put("kind", "kafka").put("topic", topic.topic());
                if (topic.partition().isPresent()) {
                    node.put("partition", topic.partition().getAsInt());
                } else {
                    node.putNull("partition");
                }
                yield node;
            }
            case ReplayTarget.RabbitExchange exchange -> JSON.createObjectNode().put("kind", "rabbitmq")
                    .put("exchange", exchange.exchange()).put("routingKey", exchange.routingKey());
        };
    }

    private static ReplayTarget target(JsonNode node) {
        return switch (node.required("kind").asText()) {
            case "kafka" -> {
                JsonNode partition = node.required("partition");
                yield new ReplayTarget.KafkaTopic(node.required("topic").asText(),
                        partition.isNull() ? OptionalInt.empty() : OptionalInt.of(partition.asInt()));
            }
            case "rabbitmq" -> new ReplayTarget.RabbitExchange(node.required("exchange").asText(),
                    node.required("routingKey").asText());
            default -> throw new IllegalArgumentException("unknown target kind " + node.get("kind"));
        };
    }

    private static ObjectNode transform(Transform transform) {
        return switch (transform) {
            case Transform.SetHeader set -> JSON.createObjectNode().put("kind", "set-header")
                    .put("name", set.name()).put("value", bytes(set.value()));
            case Transform.RemoveHeader remove -> JSON.createObjectNode().put("kind", "remove-header")
                    .put("name", remove.name());
            case Transform.ReplacePayload replace -> JSON.createObjectNode().put("kind", "replace-payload")
                    .put("value", bytes(replace.value()));
            case Transform.SetJsonField field -> JSON.createObjectNode().put("kind", "set-json-field")
                    .put("path", field.path()).put("json", field.json());
        };
    }

    private static Transform transform(JsonNode node) {
        return switch (node.required("kind").asText()) {
            case "set-header" -> new Transform.SetHeader(node.required("name").asText(), bytes(node.required("value")));
            case "remove-header" -> new Transform.RemoveHeader(node.required("name").asText());
            case "replace-payload" -> new Transform.ReplacePayload(bytes(node.required("value")));
            case "set-json-field" -> new Transform.SetJsonField(node.required("path").asText(),
                    node.required("json").asText());
            default -> throw new IllegalArgumentException("unknown transform " + node.get("kind"));
        };
    }

    private static ArrayNode headers(List<MessageHeader> headers) {
        ArrayNode array = JSON.createArrayNode();
        headers.forEach(header -> array.addObject().put("name", header.name()).put("value", bytes(header.value())));
        return array;
    }

    private static List<MessageHeader> headers(JsonNode array) {
        List<MessageHeader> headers = new ArrayList<>();
        array.forEach(node -> headers.add(new MessageHeader(node.required("name").asText(),
                bytes(node.required("value")))));
        return headers;
    }

    /**
     * Name and value pairs rather than an object: JSON field names refuse strings JSON values keep. Sorted by name,
     * so the same plan always writes the same bytes (the records keep properties in no particular order).
     */
    private static ArrayNode properties(Map<String, String> properties) {
        ArrayNode array = JSON.createArrayNode();
        new TreeMap<>(properties).forEach((name, value) -> array.addObject().put("name", name).put("value", value));
        return array;
    }

    private static Map<String, String> properties(JsonNode array) {
        Map<String, String> properties = new LinkedHashMap<>();
        array.forEach(node -> properties.put(node.required("name").asText(), node.required("value").asText()));
        return properties;
    }

    private static String bytes(byte[] bytes) {
        return bytes == null ? null : B64.encodeToString(bytes);
    }

    private static byte[] bytes(JsonNode node) {
        return node.isNull() ? null : UNB64.decode(node.asText());
    }

    /** A file that is not a plan this Flowdeck can apply; the message says why, in the operator's words. */
    public static final class PlanFileException extends RuntimeException {

        public PlanFileException(String operatorMessage) {
            super(operatorMessage);
        }
    }
}
