package dev.flowdeck.core.broker;

import java.util.Objects;

/**
 * What the status bar says about a cluster.
 *
 * @param clusterId   the cluster's id as the broker reports it
 * @param version     the broker version as far as the protocol reveals it (Kafka tells only its metadata version)
 * @param brokerCount how many brokers answer
 */
public record ClusterOverview(String clusterId, String version, int brokerCount) {

    public ClusterOverview {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(version, "version");
    }
}
