package dev.flowdeck.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.views.shell.OpenTabs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowLayoutFileTest {

    @TempDir
    Path directory;

    @Test
    void aSavedLayoutLoadsAsItWas() {
        var file = new WindowLayoutFile(directory.resolve("window.json"));
        var layout = new WindowLayoutFile.Layout(
                Optional.of(new WindowLayoutFile.Bounds(40, 60, 1280, 800, false, 0.22)),
                Map.of("Sandbox Kafka", new OpenTabs(List.of("orders", "payments-dlt"), "browse-orders")));

        file.save(layout);

        assertThat(file.load()).isEqualTo(layout);
    }

    @Test
    void noFileOrABrokenOneIsAFreshStart() throws Exception {
        var file = new WindowLayoutFile(directory.resolve("window.json"));
        assertThat(file.load()).isEqualTo(new WindowLayoutFile.Layout(Optional.empty(), Map.of()));

        Files.writeString(directory.resolve("window.json"), "{\"window\": {\"width\": 12");
        assertThat(file.load()).isEqualTo(new WindowLayoutFile.Layout(Optional.empty(), Map.of()));
    }
}
