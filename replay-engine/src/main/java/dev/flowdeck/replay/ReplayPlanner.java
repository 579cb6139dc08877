package dev.flowdeck.replay;

import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.decode.DecodedValue;
import dev.flowdeck.core.decode.ValueWriter;
import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.publish.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Builds a {@link ReplayPlan} from a selection: names each event, holds back the ones replayed too often, strips
 * the dead-letter headers, applies the transforms, addresses the message to its target and stamps the provenance.
 * Sends nothing and reads nothing but its arguments.
 */
public final class ReplayPlanner {

    /** AMQP properties a replay keeps; the rest describe the dead-lettering or its delivery, not the event. */
    private static final Set<String> KEPT_AMQP_PROPERTIES = Set.of("content_type", "content_encoding",
            "correlation_id", "message_id", "reply_to", "type", "app_id", "priority", "delivery_mode", "timestamp");

    private final Clock clock;
    private final Supplier<String> replayIds;
    private final Predicate<String> deadLetterHeader;
    private final int maxReplays;
    private final ValueWriter valueWriter;

    /**
     * @param replayIds        makes each plan's id (a random UUID in the app; a counter in tests)
     * @param deadLetterHeader the headers to strip, by name (e.g. {@link DeadLetterHeaders#KNOWN_CONVENTIONS})
     * @param maxReplays       an event already replayed this many times is quarantined instead of sent again
     */
    public ReplayPlanner(Clock clock, Supplier<String> replayIds, Predicate<String> deadLetterHeader, int maxReplays) {
        this(clock, replayIds, deadLetterHeader, maxReplays, ValueWriter.NONE);
    }

    /**
     * @param valueWriter writes a changed value that was read through a schema (Avro, Protobuf, JSON Schema) back
     *                    in that schema, with the same schema id: a transform edits its JSON, and the JSON is never
     *                    sent as it is
     */
    public ReplayPlanner(Clock clock, Supplier<String> replayIds, Predicate<String> deadLetterHeader, int maxReplays,
                         ValueWriter valueWriter) {
        this.valueWriter = Objects.requireNonNull(valueWriter, "valueWriter");
        if (maxReplays < 1) {
            throw new IllegalArgumentException("An event must be allowed at least one replay, not " + maxReplays);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.replayIds = Objects.requireNonNull(replayIds, "replayIds");
        this.deadLetterHeader = Objects.requireNonNull(deadLetterHeader, "deadLetterHeader");
        this.maxReplays = maxReplays;
    }

    /** The plan for {@code selection}, with the same transforms for every event. */
    public ReplayPlan plan(ReplaySelection selection, List<Transform> transforms, ReplayMode mode) {
        String id = replayIds.get();
        MessageHeader idHeader = new MessageHeader(Provenance.REPLAY_ID, id.getBytes(StandardCharsets.UTF_8));
        List<PlannedEvent> events = new ArrayList<>(selection.events().size());
        List<HeldEvent> held = new ArrayList<>();
        for (Map.Entry<String, SelectedEvent> named : named(selection).entrySet()) {
            String key = named.getKey();
            SelectedEvent selected = named.getValue();
            BrowsedMessage deadLetter = selected.message();
            int replayedBefore = Provenance.replayCount(deadLetter.headers());
            if (replayedBefore >= maxReplays) {
                held.add(new HeldEvent(key, deadLetter, HeldEvent.Why.QUARANTINED, "Replayed " + replayedBefore
                        + " times already (the limit is " + maxReplays + "): quarantined instead of sent again."));
                continue;
            }
            try {
                OutgoingMessage message = message(idHeader, key, deadLetter, selected.target(), transforms,
                        replayedBefore + 1);
                events.add(new PlannedEvent(key, deadLetter, selected.target(), transforms, replayedBefore + 1,
                        message));
            } catch (TransformException refused) {
                held.add(new HeldEvent(key, deadLetter, HeldEvent.Why.TRANSFORM_FAILED, refused.getMessage()));
            }
        }
        return new ReplayPlan(id, clock.instant(), selection.description(), mode, maxReplays, events, held);
    }

    /**
     * Each selected event under its key. The same record picked twice is replayed once; two queue messages
     * identical in every byte are two events, told apart by their order.
     */
    private static Map<String, SelectedEvent> named(ReplaySelection selection) {
        Map<String, SelectedEvent> named = LinkedHashMap.newLinkedHashMap(selection.events().size());
        Map<String, Integer> seen = HashMap.newHashMap(selection.events().size());
        for (SelectedEvent event : selection.events()) {
            String key = selection.identity().keyOf(event.message());
            int times = seen.merge(key, 1, Integer::sum);
            if (times > 1 && selection.identity() == EventIdentity.BY_CONTENT) {
                key = key + "#" + times;
            }
            named.putIfAbsent(key, event);
        }
        return named;
    }

    private OutgoingMessage message(MessageHeader replayId, String key, BrowsedMessage deadLetter,
                                    ReplayTarget target, List<Transform> transforms, int count) {
        List<MessageHeader> headers = new ArrayList<>(deadLetter.headers().size());
        for (MessageHeader header : deadLetter.headers()) {
            if (!deadLetterHeader.test(header.name())) {
                headers.add(header);
            }
        }
        // A value read through its schema is edited as its JSON and written back in that schema; unedited, its
        // bytes go out as they were written.
        DecodedValue read = deadLetter.decoded();
        boolean throughSchema = read != null && read.isRead() && editsValue(transforms);
        if (throughSchema && read.jsonCut()) {
            throw new TransformException("The value was read as " + read.note() + " but only in part: fetch the whole "
                    + "message before changing it.");
        }
        Transform.Draft draft = new Transform.Draft(deadLetter.key(), throughSchema ? read.json() : deadLetter.value(),
                headers);
        for (Transform transform : transforms) {
            draft = transform.apply(draft);
        }
        if (throughSchema) {
            try {
                draft = new Transform.Draft(draft.key(), valueWriter.write(read, draft.value()), draft.headers());
            } catch (IllegalArgumentException refused) {
                throw new TransformException(refused.getMessage());
            }
        }
        List<MessageHeader> stamped = Provenance.stamp(draft.headers(), replayId, key, count);
        return switch (target) {
            case ReplayTarget.KafkaTopic topic -> new OutgoingMessage(topic.topic(), topic.partition(), draft.key(),
                    draft.value(), stamped);
            case ReplayTarget.RabbitExchange exchange -> new OutgoingMessage(exchange.exchange(), OptionalInt.empty(),
                    exchange.routingKeyBytes(), draft.value(), stamped, amqpProperties(deadLetter));
        };
    }

    private static boolean editsValue(List<Transform> transforms) {
        return transforms.stream().anyMatch(transform -> transform instanceof Transform.SetJsonField
                || transform instanceof Transform.ReplacePayload);
    }

    private static Map<String, String> amqpProperties(BrowsedMessage deadLetter) {
        Map<String, String> kept = new LinkedHashMap<>();
        deadLetter.properties().forEach((name, value) -> {
            if (KEPT_AMQP_PROPERTIES.contains(name)) {
                kept.put(name, value);
            }
        });
        if (deadLetter.timestamp() != null && !kept.containsKey("timestamp")) {
            kept.put("timestamp", deadLetter.timestamp().toString());
        }
        return kept;
    }
}
