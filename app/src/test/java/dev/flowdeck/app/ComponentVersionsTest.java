package dev.flowdeck.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComponentVersionsTest {

    @Test
    void readsTheClientLibrariesVersionsFromTheJarsOnTheClassPath() {
        var versions = ComponentVersions.asMap(ComponentVersions.read("1.2.3", "25.0.3", "26.0.2",
                ComponentVersions.class::getResourceAsStream));

        assertThat(versions).containsEntry("Flowdeck", "1.2.3").containsEntry("Java", "25.0.3")
                .containsEntry("JavaFX", "26.0.2");
        // The real jars' resources: whatever Maven resolved, in the form x.y.z.
        assertThat(versions.get("kafka-clients")).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(versions.get("amqp-client")).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void saysWhatItCouldNotFind() {
        var versions = ComponentVersions.asMap(ComponentVersions.read(null, "25", null, name -> null));

        assertThat(versions).containsEntry("Flowdeck", "(development)").containsEntry("JavaFX", "(unknown)")
                .containsEntry("kafka-clients", "(unknown)").containsEntry("amqp-client", "(unknown)");
    }

    @Test
    void takesTheVersionFromEachLibrarysOwnResource() {
        Map<String, String> files = Map.of(ComponentVersions.KAFKA_RESOURCE, "commitId=abc\nversion=9.9.9\n",
                ComponentVersions.AMQP_RESOURCE, "artifactId=amqp-client\nversion=8.8.8\n");
        var versions = ComponentVersions.asMap(ComponentVersions.read("1", "25", "26", name -> files.containsKey(name)
                ? new ByteArrayInputStream(files.get(name).getBytes(StandardCharsets.ISO_8859_1)) : null));

        assertThat(versions).containsEntry("kafka-clients", "9.9.9").containsEntry("amqp-client", "8.8.8");
        assertThat(ComponentVersions.oneLine(ComponentVersions.read("1", "25", "26", name -> null)))
                .startsWith("Flowdeck 1, Java 25, JavaFX 26, kafka-clients (unknown)");
    }
}
