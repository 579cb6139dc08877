package dev.flowdeck.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.views.settings.Settings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsFileTest {

    @TempDir
    Path directory;

    @Test
    void savedSettingsLoadAsTheyWereAndNoneOrBrokenOnesAreTheDefaults() throws Exception {
        var file = new SettingsFile(directory.resolve("settings.json"));
        assertThat(file.load()).isEqualTo(Settings.NONE);

        var settings = new Settings(Optional.of(URI.create("http://collector:4318/v1/traces")),
                Optional.of("http://jaeger:16686/trace/{traceId}"));
        file.save(settings);
        assertThat(file.load()).isEqualTo(settings);

        Files.writeString(directory.resolve("settings.json"), "{\"otlpEndpoint\": \"http://exa mple\"}");
        assertThat(file.load()).isEqualTo(Settings.NONE);
    }
}
