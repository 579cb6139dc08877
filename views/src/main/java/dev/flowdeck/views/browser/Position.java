package dev.flowdeck.views.browser;

/** Where a scan starts, as the position picker offers it. */
public enum Position {
    BEGINNING("From the beginning"),
    LAST_N("The last N"),
    OFFSET("From offset"),
    TIME("From a time"),
    LIVE("Live tail (new only)");

    private final String label;

    Position(String label) {
        this.label = label;
    }

    /** Whether the position needs the value field (N, an offset or a time). */
    public boolean takesValue() {
        return this == LAST_N || this == OFFSET || this == TIME;
    }

    @Override
    public String toString() {
        return label;
    }
}
