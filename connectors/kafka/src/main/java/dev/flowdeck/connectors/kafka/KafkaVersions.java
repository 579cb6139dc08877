package dev.flowdeck.connectors.kafka;

import java.util.List;

/**
 * Names a cluster's version from its finalized {@code metadata.version} feature level: the only version a KRaft
 * cluster reveals over the protocol. The level says what the cluster runs at least; its software may be newer.
 */
final class KafkaVersions {

    /** Index = feature level; from Kafka's MetadataVersion table (levels 1 to 34). */
    private static final List<String> METADATA_VERSIONS = List.of("",
            "3.0-IV1", "3.1-IV0", "3.2-IV0", "3.3-IV0", "3.3-IV1", "3.3-IV2", "3.3-IV3", "3.4-IV0", "3.5-IV0",
            "3.5-IV1", "3.5-IV2", "3.6-IV0", "3.6-IV1", "3.6-IV2", "3.7-IV0", "3.7-IV1", "3.7-IV2", "3.7-IV3",
            "3.7-IV4", "3.8-IV0", "3.9-IV0", "4.0-IV0", "4.0-IV1", "4.0-IV2", "4.0-IV3", "4.1-IV0", "4.1-IV1",
            "4.2-IV0", "4.2-IV1", "4.3-IV0", "4.4-IV0", "4.4-IV1", "4.4-IV2", "4.5-IV0");

    private KafkaVersions() {
    }

    /** "Kafka ≥ 4.4 (metadata.version 4.4-IV2)"; a level null means no KRaft metadata (a ZooKeeper cluster). */
    static String describe(Short metadataLevel) {
        if (metadataLevel == null) {
            return "Kafka (version not reported)";
        }
        String name = metadataVersion(metadataLevel);
        if (name == null) {
            return "Kafka (metadata.version level " + metadataLevel + ")";
        }
        return "Kafka ≥ " + name.substring(0, name.indexOf('-')) + " (metadata.version " + name + ")";
    }

    static String metadataVersion(short level) {
        return level > 0 && level < METADATA_VERSIONS.size() ? METADATA_VERSIONS.get(level) : null;
    }
}
