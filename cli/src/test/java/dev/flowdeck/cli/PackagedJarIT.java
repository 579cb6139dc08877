package dev.flowdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    @Test
    void aLagWatchEndsCleanlyOnSigtermAndOnlyItsOwnSentencesReachStderr() throws Exception {
        String collector = "http://127.0.0.1:" + KafkaCliIT.closedPort();
        String group = TestKafka.groupOneBehind();
        Path out = Files.createTempFile("flowdeck-lag-out", ".txt");
        Path err = Files.createTempFile("flowdeck-lag-err", ".txt");
        Process process = new ProcessBuilder(command("lag", "--bootstrap-server", TestKafka.bootstrapServers(),
                "--group", group, "--watch", "--interval", "1s", "--otlp", collector))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> Files.readString(out, StandardCharsets.UTF_8).contains("(sample 2)"));
            process.destroy(); // SIGTERM: the same shutdown hook as Ctrl-C's SIGINT
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("ended within the hook's grace").isTrue();

            assertThat(process.exitValue()).isEqualTo(128 + 15);
            assertThat(Files.readString(out, StandardCharsets.UTF_8)).as("no sample cut off mid-line")
                    .startsWith("Consumer lag on ").endsWith(System.lineSeparator());
            // The OpenTelemetry exporter logs a failed export through java.util.logging; routed to SLF4J (off), it
            // leaves stderr to the command's own lines: the group's alert, and the collector said once.
            assertThat(Files.readString(err, StandardCharsets.UTF_8).lines().toList()).satisfiesExactly(
                    alert -> assertThat(alert).matches(".* alert: " + group + " Stopped: No consumers while 1 "
                            + "message waits( \\(the oldest for .*\\))?"),
                    export -> assertThat(export).isEqualTo("The metrics could not be sent to " + collector
                            + "/v1/metrics (nothing answers there); the watch goes on and tries again with every "
                            + "sample."));
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static List<String> command(String... args) {
        assertThat(JAR).as("built by the package phase").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static Run java(String... args) throws IOException, InterruptedException {
        List<String> command = command(args);
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
