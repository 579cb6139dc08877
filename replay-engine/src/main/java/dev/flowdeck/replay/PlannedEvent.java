package dev.flowdeck.replay;

import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.publish.OutgoingMessage;
import java.util.List;
import java.util.Objects;

/**
 * One event of a plan: the dead letter as it was read, where it goes, what was changed, and exactly what will be
 * sent. The message is computed once, by the planner, so a reviewed plan sends what the reviewer saw.
 *
 * @param key         the source event's stable name (see {@link EventIdentity}); unique within a plan
 * @param deadLetter  the source message as it was read
 * @param target      where it goes
 * @param transforms  the changes applied, in order
 * @param replayCount how many times it will have been replayed once this replay sends it
 * @param message     what is sent, provenance headers included
 */
public record PlannedEvent(String key, BrowsedMessage deadLetter, ReplayTarget target, List<Transform> transforms,
                           int replayCount, OutgoingMessage message) {

    public PlannedEvent {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(deadLetter, "deadLetter");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(message, "message");
        transforms = List.copyOf(transforms);
    }
}
