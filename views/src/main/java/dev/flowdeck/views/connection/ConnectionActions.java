package dev.flowdeck.views.connection;

import dev.flowdeck.views.cluster.ClusterViewModel;

/**
 * What the shell asks of whoever owns the connections (the app): the views raise these, the owner opens dialogs,
 * talks to the profile catalog and starts or stops sessions.
 */
public interface ConnectionActions {

    /** Connects a cluster that is not connected yet; nothing if it is. */
    void open(ClusterViewModel cluster);

    void create();

    void edit(ClusterViewModel cluster);

    void duplicate(ClusterViewModel cluster);

    void delete(ClusterViewModel cluster);

    /** Opens the offset reset of one consumer group of a connected cluster (previewed before anything changes). */
    void resetOffsets(ClusterViewModel cluster, String group);
}
