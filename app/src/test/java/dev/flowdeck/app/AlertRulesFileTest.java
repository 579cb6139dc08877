package dev.flowdeck.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowdeck.core.lag.AlertRule;
import dev.flowdeck.core.lag.AlertRules;
import dev.flowdeck.core.lag.GroupStatus;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertRulesFileTest {

    @TempDir
    Path directory;

    @Test
    void rulesOfEachClusterSurviveARestart() throws Exception {
        var rules = AlertRules.defaults()
                .with("fraud-audit", new AlertRule(OptionalLong.of(5_000), Optional.of(Duration.ofMinutes(5)),
                        Set.of(GroupStatus.STALLED, GroupStatus.WARNING)))
                .with("billing", new AlertRule(OptionalLong.empty(), Optional.empty(), Set.of()));
        var file = new AlertRulesFile(directory.resolve("alert-rules.json"));
        file.save("Sandbox Kafka", rules);
        file.save("prod-eu", AlertRules.defaults());

        var reopened = new AlertRulesFile(directory.resolve("alert-rules.json"));
        assertThat(reopened.load("Sandbox Kafka")).isEqualTo(rules);
        assertThat(reopened.load("prod-eu")).isEqualTo(AlertRules.defaults());
        assertThat(reopened.load("never saved")).isEqualTo(AlertRules.defaults());
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(directory.resolve("alert-rules.json"))))
                    .as("owner-only, like the profiles").isEqualTo("rw-------");
        }
    }

    @Test
    void aDamagedFileIsReportedNotSilentlyReplaced() throws Exception {
        Path path = directory.resolve("alert-rules.json");
        Files.writeString(path, "{ not json");
        assertThatThrownBy(() -> new AlertRulesFile(path).load("Sandbox Kafka"))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("could not be read");
    }
}
