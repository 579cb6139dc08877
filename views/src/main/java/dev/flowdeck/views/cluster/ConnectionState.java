package dev.flowdeck.views.cluster;

/** Where a profile's connection stands, as the status bar and the empty tables say it. */
public enum ConnectionState {
    /** A saved profile not opened yet: selecting it connects. */
    DISCONNECTED,
    /** The app is starting the cluster itself (the sandbox). */
    STARTING,
    /** Waiting for the cluster's first answer. */
    CONNECTING,
    CONNECTED,
    /** The last request failed; refreshes keep trying. */
    UNREACHABLE
}
