package dev.flowdeck.core.lag;

/** Which way lag is going on a partition (or a whole group) over the evaluation window. */
public enum Trend {
    /** Nothing waits, or lag neither rose nor fell. */
    STEADY("steady"),
    CATCHING_UP("catching up"),
    FALLING_BEHIND("falling behind"),
    /** Records wait and the committed offset did not move. */
    STALLED("stalled");

    private final String label;

    Trend(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
