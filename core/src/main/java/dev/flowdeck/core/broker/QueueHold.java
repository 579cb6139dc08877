package dev.flowdeck.core.broker;

import dev.flowdeck.core.browse.BrowsedMessage;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Messages of one queue taken and held unacknowledged, so that each can later be removed (acknowledged) or handed
 * back: what a move of dead letters needs, which may remove a dead letter only once its replay is confirmed.
 *
 * <p>The broker owns held messages: if the hold's channel or connection goes, or the process dies, it puts them back
 * in the queue by itself, so a hold never loses a message. The caller names messages (a replay by its
 * {@code EventIdentity}), because a queue has no stable position to name them by.
 *
 * <p>Stages complete on the connector's threads; calls are serialised on the hold's own channel.
 */
public interface QueueHold extends AutoCloseable {

    /** The queue whose messages are held. */
    String queue();

    /**
     * Takes ready messages from the queue's head and holds each one whose name ({@code naming}) is among
     * {@code wanted} and not held yet (a second message of the same name is not taken); every other message taken
     * is handed back before the stage completes. Reads no further than the queue's ready count when it began, and
     * stops once every wanted name is held, so it ends while publishers add. Names already held cost no round trip.
     *
     * @return every name held now, by this take or an earlier one
     */
    CompletionStage<Set<String>> take(Set<String> wanted, Function<BrowsedMessage, String> naming);

    /** Whether a message of this name is held right now (false once the hold's channel was lost). */
    boolean holds(String name);

    /**
     * Acknowledges the held message of this name, and completes once the broker has processed the acknowledgement,
     * so the message is gone when the stage completes. Fails when no message of that name is held (take it first),
     * and with a {@link dev.flowdeck.core.publish.ReadOnlyProfileException} on a read-only profile.
     */
    CompletionStage<Void> remove(String name);

    /** Hands back every message still held. Safe to call twice. */
    @Override
    void close();
}
