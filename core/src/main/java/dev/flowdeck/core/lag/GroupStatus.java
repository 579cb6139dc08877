package dev.flowdeck.core.lag;

/**
 * A group's health, in the spirit of LinkedIn's Burrow: judged from how its offsets and lag moved over a window
 * of samples, not from one lag number. Ordered from harmless to worst, so the worst of several is the greatest.
 */
public enum GroupStatus {
    /** Keeping up, or catching up. */
    OK("OK"),
    /** Consuming, but lag rose over the whole window: it is falling behind. */
    WARNING("Warning"),
    /** Offsets moved backwards: someone reset the group, or it is reprocessing. */
    REWINDING("Rewinding"),
    /** Members are present but committed offsets have not moved while records wait. */
    STALLED("Stalled"),
    /** No members while records wait: nobody is consuming. */
    STOPPED("Stopped");

    private final String label;

    GroupStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isProblem() {
        return this != OK;
    }
}
