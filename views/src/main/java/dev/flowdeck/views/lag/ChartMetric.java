package dev.flowdeck.views.lag;

/** What the history chart plots. */
public enum ChartMetric {
    MESSAGES("Lag (messages)"),
    TIME("Lag in time (seconds)");

    private final String label;

    ChartMetric(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
