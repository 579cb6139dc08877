package dev.flowdeck.replay;

import dev.flowdeck.core.publish.OutgoingMessage;
import dev.flowdeck.core.publish.PublishReceipt;
import java.util.concurrent.CompletionStage;

/**
 * Sends replayed events to the target cluster: in the app, {@code BrokerConnection::publish} of the target's
 * connection. The stage completes when the broker confirmed the message stored, and fails otherwise; a failure
 * does not prove the message was not stored (a timeout after the broker wrote it), which is why the runner reads
 * the target back before sending such an event again.
 */
public interface Publisher {

    /** The cluster's name as the operator knows it (the profile's name), for refusals and the audit log. */
    String cluster();

    /** A read-only profile: the runner refuses the replay before sending anything. */
    boolean readOnly();

    CompletionStage<PublishReceipt> send(OutgoingMessage message);
}
