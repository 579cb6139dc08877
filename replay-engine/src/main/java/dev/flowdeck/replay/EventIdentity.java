package dev.flowdeck.replay;

import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageHeader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How a source event is named in the journal and in the {@code flowdeck-replayed-from} header: the name must be the
 * same each time the event is read, or a resume and the "already replayed" check would not recognise it.
 */
public enum EventIdentity {

    /** Topic, partition and offset: Kafka, and RabbitMQ streams, whose offsets never change. */
    BY_OFFSET,

    /**
     * The message's {@code message_id}, or else a digest of its headers and value: classic and quorum queues, whose
     * "offset" is only the position in one browse and changes as messages leave the queue.
     */
    BY_CONTENT;

    /** The event's name: what the journal and the {@code flowdeck-replayed-from} header call it. */
    public String keyOf(BrowsedMessage message) {
        return switch (this) {
            case BY_OFFSET -> message.destination() + "/" + message.partition() + "@" + message.offset();
            case BY_CONTENT -> {
                String messageId = message.properties().get("message_id");
                yield messageId != null && !messageId.isEmpty()
                        ? message.destination() + "/message-id=" + messageId
                        : message.destination() + "/sha256=" + digest(message);
            }
        };
    }

    private static String digest(BrowsedMessage message) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (MessageHeader header : message.headers()) {
                field(sha, header.name().getBytes(StandardCharsets.UTF_8));
                field(sha, header.value());
            }
            field(sha, message.value());
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Length-prefixed, so ("ab", "c") and ("a", "bc") digest differently; -1 for null. */
    private static void field(MessageDigest sha, byte[] bytes) {
        sha.update(ByteBuffer.allocate(4).putInt(bytes == null ? -1 : bytes.length).array());
        if (bytes != null) {
            sha.update(bytes);
        }
    }
}
