package dev.flowdeck.replay;

/** What happens to the dead letter once its replay is confirmed. */
public enum ReplayMode {
    /** The dead letter stays where it is. */
    COPY,
    /** The dead letter is removed from its queue, and only after the target confirmed the replayed event. */
    MOVE
}
