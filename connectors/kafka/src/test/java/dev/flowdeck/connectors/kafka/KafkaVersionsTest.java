package dev.flowdeck.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.server.common.MetadataVersion;
import org.junit.jupiter.api.Test;

class KafkaVersionsTest {

    @Test
    void namesEveryMetadataVersionTheBrokerKnows() {
        // The broker's own table (on the test class path through the sandbox) is the reference.
        for (MetadataVersion version : MetadataVersion.VERSIONS) {
            assertThat(KafkaVersions.metadataVersion(version.featureLevel()))
                    .as("level %d", version.featureLevel())
                    .isEqualTo(version.version());
        }
    }

    @Test
    void saysWhatTheLevelPromisesAndNoMore() {
        assertThat(KafkaVersions.describe((short) 33)).isEqualTo("Kafka ≥ 4.4 (metadata.version 4.4-IV2)");
        assertThat(KafkaVersions.describe((short) 999)).isEqualTo("Kafka (metadata.version level 999)");
        assertThat(KafkaVersions.describe(null)).isEqualTo("Kafka (version not reported)");
    }
}
