package dev.flowdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What an operator runs: {@code java -jar cli/target/flowdeck-cli.jar}, a JVM of its own with only the manifest's
 * class path (package runs before the integration tests). Its stderr must stay empty on success: no logging
 * warnings, no JVM warnings about native access.
 */
class PackagedJarIT {

    private static final Path JAR = Path.of("target", "flowdeck-cli.jar");

    record Run(int exitCode, String out, String err) {
    }

    @Test
    void theJarRunsASearchAgainstARealBroker() throws Exception {
        String topic = TestKafka.ordersTopic();
        Run run = java("search", topic, "--bootstrap-server", TestKafka.bootstrapServers(),
                "--jsonpath", "$.amount > 200", "--output", "jsonl");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out().lines()).hasSize(9).allSatisfy(line -> assertThat(line).startsWith("{\"destination\""));
    }

    @Test
    void theJarSaysItsVersionAndExitsTwoOnAUsageError() throws Exception {
        Run version = java("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("flowdeck ");

        Run wrong = java("search", "orders");
        assertThat(wrong.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(wrong.err()).contains("Missing required argument");
    }

    private static Run java(String... args) throws IOException, InterruptedException {
        assertThat(JAR).as("built by the package phase").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("flowdeck-cli-out", ".txt");
        Path err = Files.createTempFile("flowdeck-cli-err", ".txt");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished within a minute").isTrue();
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
