package dev.flowdeck.replay;

import java.util.concurrent.CompletionStage;

/**
 * Asks the target whether it already holds an event of a replay: a message whose {@link Provenance#REPLAY_ID} and
 * {@link Provenance#REPLAYED_FROM} headers match. Used only on resume, for events whose send has no known outcome.
 *
 * <p>The answer is trusted to be final: it must be asked once nothing from the interrupted run can still arrive
 * (the process that sent it is gone, or its publisher closed). A Kafka adapter reads the target partition from the
 * offset the topic had when the replay began; a RabbitMQ adapter browses the queues the exchange routes to.
 */
public interface TargetReadBack {

    CompletionStage<Boolean> holds(PlannedEvent event, String replayId);
}
