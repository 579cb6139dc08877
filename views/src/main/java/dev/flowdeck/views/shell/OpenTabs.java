package dev.flowdeck.views.shell;

import java.util.List;
import java.util.Objects;

/**
 * What the window showed of one cluster, to show again after a restart: the destinations whose browsers were open,
 * in tab order, and the tab that was selected (a view's id such as {@code lag-tab}, or a browser's
 * {@code browse-<destination>}).
 */
public record OpenTabs(List<String> destinations, String selected) {

    public OpenTabs {
        destinations = List.copyOf(destinations);
        Objects.requireNonNull(selected, "selected");
    }
}
