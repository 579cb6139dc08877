/**
 * The replay engine's interfaces over core's broker API: {@link dev.flowdeck.replayconnect.ConnectionPublisher}
 * sends through a {@link dev.flowdeck.core.broker.BrokerConnection}, {@link dev.flowdeck.replayconnect.BrowseReadBack}
 * reads the target back from where it stood when the replay began ({@link dev.flowdeck.replayconnect.TargetMarks}),
 * {@link dev.flowdeck.replayconnect.TargetFromDeadLetter} sends each dead letter back where it came from, and
 * {@link dev.flowdeck.replayconnect.MoveSources} says what a move removes on each broker.
 *
 * <p>A module of its own because neither side may see the other: the engine knows no broker API beyond core's
 * records, the connectors know no engine. The app wires these; the command line can, too, without JavaFX.
 */
package dev.flowdeck.replayconnect;
