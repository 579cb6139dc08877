package dev.flowdeck.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDirectoryTest {

    @Test
    void followsEachOperatingSystemsConvention() {
        assertThat(ConfigDirectory.resolve(null, "Windows 11", "C:\\Users\\ops", Map.of("APPDATA", "C:\\Users\\ops\\AppData\\Roaming")))
                .isEqualTo(Path.of("C:\\Users\\ops\\AppData\\Roaming", "Flowdeck"));
        assertThat(ConfigDirectory.resolve(null, "Mac OS X", "/Users/ops", Map.of()))
                .isEqualTo(Path.of("/Users/ops/Library/Application Support/Flowdeck"));
        assertThat(ConfigDirectory.resolve(null, "Linux", "/home/ops", Map.of("XDG_CONFIG_HOME", "/home/ops/.cfg")))
                .isEqualTo(Path.of("/home/ops/.cfg/flowdeck"));
        assertThat(ConfigDirectory.resolve(null, "Linux", "/home/ops", Map.of()))
                .isEqualTo(Path.of("/home/ops/.config/flowdeck"));
        assertThat(ConfigDirectory.resolve("/tmp/fd", "Linux", "/home/ops", Map.of())).isEqualTo(Path.of("/tmp/fd"));
    }
}
