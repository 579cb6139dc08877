package dev.flowdeck.core.lag;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** An alert log for one session only (the command line, tests): the newest {@code capacity} alerts. */
public final class MemoryAlertLog implements AlertLog {

    private final int capacity;
    private final Deque<LagAlert> alerts = new ArrayDeque<>();

    public MemoryAlertLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("an alert log holds at least one alert");
        }
        this.capacity = capacity;
    }

    @Override
    public synchronized void append(LagAlert alert) {
        alerts.addLast(alert);
        if (alerts.size() > capacity) {
            alerts.removeFirst();
        }
    }

    @Override
    public synchronized List<LagAlert> recent(int limit) {
        return alerts.stream().skip(Math.max(0, alerts.size() - limit)).toList();
    }
}
