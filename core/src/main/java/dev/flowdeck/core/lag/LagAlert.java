package dev.flowdeck.core.lag;

import java.time.Instant;
import java.util.Objects;

/**
 * A threshold crossed: raised when a group crosses into alert, cleared when it is back. One of each per crossing,
 * however many samples it stays there.
 *
 * @param cluster the cluster's name, so a log of several clusters reads clearly
 * @param raised  true when the condition began, false when it ended
 * @param message the sentence for the notification and the log
 */
public record LagAlert(Instant at, String cluster, String group, AlertKind kind, boolean raised, GroupStatus status,
                       String message) {

    public LagAlert {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
    }
}
