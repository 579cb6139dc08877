package dev.flowdeck.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdeck.profiles.PrivateFiles;
import dev.flowdeck.views.shell.OpenTabs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the window was and what it showed, in {@code window.json} of the config directory, so the next start looks
 * like the last one ended: the window's place and size, the navigation's width, and per profile the browsers that
 * were open and the tab that was selected. A layout that cannot be read is a fresh start, never an error: the
 * operator loses a layout, not the app.
 */
final class WindowLayoutFile {

    private static final Logger LOG = LoggerFactory.getLogger(WindowLayoutFile.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The window's place and size on the desktop, and the navigation's share of its width. */
    record Bounds(double x, double y, double width, double height, boolean maximized, double navigation) {
    }

    /** What was saved: the window, if it was, and each profile's tabs. */
    record Layout(Optional<Bounds> bounds, Map<String, OpenTabs> tabs) {
    }

    private final Path file;

    WindowLayoutFile(Path file) {
        this.file = file;
    }

    Layout load() {
        if (!Files.exists(file)) {
            return new Layout(Optional.empty(), Map.of());
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            Optional<Bounds> bounds = Optional.empty();
            JsonNode window = root.path("window");
            if (window.path("width").isNumber() && window.path("height").isNumber()) {
                bounds = Optional.of(new Bounds(window.path("x").asDouble(), window.path("y").asDouble(),
                        window.path("width").asDouble(), window.path("height").asDouble(),
                        window.path("maximized").asBoolean(), window.path("navigation").asDouble(0.28)));
            }
            Map<String, OpenTabs> tabs = new LinkedHashMap<>();
            root.path("profiles").properties().forEach(profile -> {
                List<String> destinations = new ArrayList<>();
                profile.getValue().path("browsers").forEach(name -> destinations.add(name.asText()));
                tabs.put(profile.getKey(), new OpenTabs(destinations,
                        profile.getValue().path("selected").asText("destinations-tab")));
            });
            return new Layout(bounds, tabs);
        } catch (IOException | RuntimeException e) {
            LOG.warn("The window's last layout in {} could not be read; starting with the default: {}", file,
                    e.getMessage());
            return new Layout(Optional.empty(), Map.of());
        }
    }

    void save(Layout layout) {
        ObjectNode root = JSON.createObjectNode();
        layout.bounds().ifPresent(bounds -> root.putObject("window")
                .put("x", bounds.x()).put("y", bounds.y())
                .put("width", bounds.width()).put("height", bounds.height())
                .put("maximized", bounds.maximized()).put("navigation", bounds.navigation()));
        ObjectNode profiles = root.putObject("profiles");
        layout.tabs().forEach((profile, tabs) -> {
            ObjectNode node = profiles.putObject(profile);
            tabs.destinations().forEach(node.putArray("browsers")::add);
            node.put("selected", tabs.selected());
        });
        try {
            PrivateFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            LOG.warn("The window's layout could not be saved to {}: {}", file, e.getMessage());
        }
    }
}
