package dev.flowdeck.core.lag;

/** Which of a rule's conditions an alert is about. */
public enum AlertKind {
    LAG("lag"),
    TIME_LAG("lag in time"),
    STATUS("status");

    private final String label;

    AlertKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
