package dev.flowdeck.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogDirectoryTest {

    @Test
    void followsEachOperatingSystemsConvention() {
        assertThat(LogDirectory.resolve(null, "Windows 11", "C:\\Users\\ops",
                Map.of("LOCALAPPDATA", "C:\\Users\\ops\\AppData\\Local")))
                .isEqualTo(Path.of("C:\\Users\\ops\\AppData\\Local", "Flowdeck", "logs"));
        assertThat(LogDirectory.resolve(null, "Windows 11", "C:\\Users\\ops", Map.of()))
                .isEqualTo(Path.of("C:\\Users\\ops", "AppData", "Local", "Flowdeck", "logs"));
        assertThat(LogDirectory.resolve(null, "Mac OS X", "/Users/ops", Map.of()))
                .isEqualTo(Path.of("/Users/ops/Library/Logs/Flowdeck"));
        assertThat(LogDirectory.resolve(null, "Linux", "/home/ops", Map.of("XDG_STATE_HOME", "/home/ops/.st")))
                .isEqualTo(Path.of("/home/ops/.st/flowdeck/logs"));
        assertThat(LogDirectory.resolve(null, "Linux", "/home/ops", Map.of()))
                .isEqualTo(Path.of("/home/ops/.local/state/flowdeck/logs"));
        assertThat(LogDirectory.resolve("/tmp/fd-logs", "Linux", "/home/ops", Map.of()))
                .isEqualTo(Path.of("/tmp/fd-logs"));
    }
}
