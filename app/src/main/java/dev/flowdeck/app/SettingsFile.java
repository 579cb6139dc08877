package dev.flowdeck.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdeck.profiles.PrivateFiles;
import dev.flowdeck.views.settings.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's settings in {@code settings.json} of the config directory (owner-only, written whole). Nothing secret
 * lives here: an OTLP endpoint and a link template are addresses. Unreadable settings are the defaults, logged.
 */
final class SettingsFile {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsFile.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    SettingsFile(Path file) {
        this.file = file;
    }

    Settings load() {
        if (!Files.exists(file)) {
            return Settings.NONE;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            String endpoint = root.path("otlpEndpoint").asText("");
            String template = root.path("traceUrlTemplate").asText("");
            return new Settings(endpoint.isBlank() ? Optional.empty() : Optional.of(URI.create(endpoint)),
                    template.isBlank() ? Optional.empty() : Optional.of(template));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("The settings in {} could not be read; using the defaults: {}", file, e.getMessage());
            return Settings.NONE;
        }
    }

    void save(Settings settings) {
        ObjectNode root = JSON.createObjectNode();
        settings.otlpEndpoint().ifPresent(endpoint -> root.put("otlpEndpoint", endpoint.toString()));
        settings.traceUrlTemplate().ifPresent(template -> root.put("traceUrlTemplate", template));
        try {
            PrivateFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException("The settings could not be saved to " + file, e);
        }
    }
}
