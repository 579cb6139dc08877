package dev.flowdeck.replay;

/**
 * A moment of a run, for a progress bar: sent on the runner's executor after every change (the view model hands it
 * to the FX thread).
 *
 * @param total     selected events, held ones included
 * @param ended     events with an outcome
 * @param delivered events in the target (this run's or earlier)
 * @param failed    events whose send failed
 * @param inFlight  sends, read-backs and removals not yet answered
 */
public record ReplayProgress(int total, int ended, int delivered, int failed, int inFlight, State state) {

    public enum State { RUNNING, PAUSED, CANCELLING, FINISHED }

    /** From 0 to 1. */
    public double fraction() {
        return total == 0 ? 1 : (double) ended / total;
    }
}
