package dev.flowdeck.replay;

import dev.flowdeck.core.browse.MessageHeader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The headers a replay adds so the event can be traced back, and counted: which replay sent it, from where, and how
 * many times it has been replayed. No {@code x-} prefix: RabbitMQ owns those and may drop or rewrite them.
 */
public final class Provenance {

    /** The plan's id: the same for every event of one replay, and what a read-back of the target looks for. */
    public static final String REPLAY_ID = "flowdeck-replay-id";
    /** The source event's key ({@link EventIdentity}), e.g. {@code orders.DLT/3@1042}. */
    public static final String REPLAYED_FROM = "flowdeck-replayed-from";
    /** How many times this event has been replayed, this time included, in decimal. */
    public static final String REPLAY_COUNT = "flowdeck-replay-count";

    private static final Set<String> RESERVED = Set.of(REPLAY_ID, REPLAYED_FROM, REPLAY_COUNT);

    private Provenance() {
    }

    /**
     * How many times the event was replayed before, read from its last {@value #REPLAY_COUNT} header; 0 without one.
     * A value that is not a count (someone else's header) counts as 0 rather than blocking the replay.
     */
    public static int replayCount(List<MessageHeader> headers) {
        for (int i = headers.size() - 1; i >= 0; i--) {
            MessageHeader header = headers.get(i);
            if (header.name().equals(REPLAY_COUNT)) {
                if (header.value() == null) {
                    return 0;
                }
                try {
                    return Math.max(0, Integer.parseInt(new String(header.value(), StandardCharsets.UTF_8).strip()));
                } catch (NumberFormatException notACount) {
                    return 0;
                }
            }
        }
        return 0;
    }

    /** The headers with any earlier provenance replaced by this replay's. */
    static List<MessageHeader> stamp(List<MessageHeader> headers, String replayId, String eventKey, int count) {
        return stamp(headers, new MessageHeader(REPLAY_ID, utf8(replayId)), eventKey, count);
    }

    /**
     * As {@link #stamp(List, String, String, int)}, with the replay's id header made once for the whole plan (a
     * plan stamps every event with the same one; its bytes are never written to).
     */
    static List<MessageHeader> stamp(List<MessageHeader> headers, MessageHeader replayIdHeader, String eventKey,
                                     int count) {
        List<MessageHeader> stamped = new ArrayList<>(headers.size() + 3);
        for (MessageHeader header : headers) {
            if (!RESERVED.contains(header.name())) {
                stamped.add(header);
            }
        }
        stamped.add(replayIdHeader);
        stamped.add(new MessageHeader(REPLAYED_FROM, utf8(eventKey)));
        stamped.add(new MessageHeader(REPLAY_COUNT, utf8(Integer.toString(count))));
        return stamped;
    }

    /** Whether a message carries this replay's stamp for this event: what a read-back of the target matches. */
    public static boolean isReplayOf(List<MessageHeader> headers, String replayId, String eventKey) {
        return lastValue(headers, REPLAY_ID).equals(replayId) && lastValue(headers, REPLAYED_FROM).equals(eventKey);
    }

    static void refuseReserved(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("A header needs a name.");
        }
        if (RESERVED.contains(name)) {
            throw new IllegalArgumentException("'" + name + "' is written by the replay itself and cannot be edited.");
        }
    }

    private static String lastValue(List<MessageHeader> headers, String name) {
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i).name().equals(name)) {
                byte[] value = headers.get(i).value();
                return value == null ? "" : new String(value, StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
