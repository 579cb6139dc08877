package dev.flowdeck.replayconnect;

import dev.flowdeck.replay.PlannedEvent;
import dev.flowdeck.replay.TargetReadBack;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The read-back of a target that cannot be read back: a RabbitMQ exchange whose queues are classic or quorum
 * queues. Reading such a queue takes its messages (held, then requeued: redelivered and maybe reordered), and a
 * consumer may already have taken the replayed message, so even a read would not be final. It answers "absent",
 * so a resume sends again every event whose outcome was unknown: at least once, as decision 0016 says, and the
 * resume dialog shows {@link #CAVEAT}.
 */
public final class AtLeastOnceReadBack implements TargetReadBack {

    /** What the operator is told before resuming such a replay. */
    public static final String CAVEAT = "The target's queues cannot be read without taking their messages, so "
            + "events whose last send has no known outcome are sent again: some may arrive twice.";

    @Override
    public CompletionStage<Boolean> holds(PlannedEvent event, String replayId) {
        return CompletableFuture.completedFuture(false);
    }
}
