package dev.flowdeck.cli;

import static dev.flowdeck.cli.CliRun.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowdeck.cli.LagPlan.LagFormat;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.lag.ConsumerGroupLag;
import dev.flowdeck.core.lag.GroupStatus;
import dev.flowdeck.profiles.ProfileRepository;
import dev.flowdeck.profiles.SessionSecretStore;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * From {@code flowdeck lag}'s options to what it will do, and the combinations it refuses before contacting
 * anything: a refusal is exit code 2 with one sentence, and no broker is asked (the address is a closed port).
 */
class LagOptionsTest {

    private static final String NOWHERE = "127.0.0.1:1";

    @Test
    void withoutOptionsOneSampleOfEveryGroupAsATable() {
        LagPlan plan = plan();

        assertThat(plan.watch()).isFalse();
        assertThat(plan.samples()).isEqualTo(1);
        assertThat(plan.format()).isEqualTo(LagFormat.TABLE);
        assertThat(plan.groups().isEveryGroup()).isTrue();
        assertThat(plan.window()).isEqualTo(Duration.ofMinutes(2));
        assertThat(plan.failOn()).isEmpty();
        assertThat(plan.otlp()).isEmpty();
    }

    @Test
    void aWatchSamplesUntilStoppedOrCounted() {
        LagPlan untilCtrlC = plan("--watch");
        assertThat(untilCtrlC.untilStopped()).isTrue();
        assertThat(untilCtrlC.interval()).isEqualTo(Duration.ofSeconds(5));

        LagPlan counted = plan("-w", "--interval", "10s", "--window", "1m30s", "--samples", "12", "-o", "json",
                "--partitions", "--group", "billing", "-g", "payment-*");
        assertThat(counted.interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(counted.window()).isEqualTo(Duration.ofSeconds(90));
        assertThat(counted.samples()).isEqualTo(12);
        assertThat(counted.untilStopped()).isFalse();
        assertThat(counted.format()).isEqualTo(LagFormat.JSON);
        assertThat(counted.partitions()).isTrue();
        assertThat(counted.groups().isEveryGroup()).isFalse();
    }

    @Test
    void watchOptionsNeedAWatch() {
        assertUsage("--interval spaces the samples of a watch: add --watch.", "--interval", "5s");
        assertUsage("--window is what a watch judges a status on: add --watch.", "--window", "5m");
        assertUsage("--samples counts the samples of a watch: add --watch.", "--samples", "3");
        assertUsage("--otlp exports the samples of a watch: add --watch.", "--otlp", "http://localhost:4318");
    }

    @Test
    void intervalsAndWindowsThatCannotWork() {
        assertUsage("--interval must be at least 1s", "--watch", "--interval", "0s");
        assertUsage("--window 15 s holds fewer than three samples at --interval 10 s: make it at least 20 s.",
                "--watch", "--interval", "10s", "--window", "15s");
        assertUsage("--window 9 s holds fewer than three samples at --interval 5 s", "--watch", "--window", "9s");
        assertUsage("--samples needs a positive number of samples, not 0.", "--watch", "--samples", "0");
        assertThat(plan("--watch", "--interval", "10s", "--window", "20s").window())
                .as("two intervals: three samples").isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void failOnTakesStatusesInAnyCase() {
        assertThat(plan("--fail-on", "STOPPED").failOn()).containsExactly(GroupStatus.STOPPED);
        assertThat(plan("--watch", "--fail-on", "stalled,Warning", "--fail-on", "stopped").failOn())
                .isEqualTo(Set.of(GroupStatus.STALLED, GroupStatus.WARNING, GroupStatus.STOPPED));
        assertThat(plan("--watch", "--interval", "5s", "--window", "1m", "--samples", "13", "--fail-on", "stalled")
                .failOn()).as("12 intervals cover the minute").containsExactly(GroupStatus.STALLED);
    }

    @Test
    void failOnAStatusTheRunCannotShowIsRefused() {
        assertUsage("--fail-on stalled needs --watch: Warning and Stalled are judged over a full --window of "
                + "samples, and one sample covers none.", "--fail-on", "stopped,stalled");
        assertUsage("--fail-on warning,stalled needs --watch", "--fail-on", "warning,stalled");
        assertUsage("--samples 3 at --interval 5 s cover 10 s, less than the 2 min --window that --fail-on stalled "
                + "needs: ask for at least 25 samples, or a shorter --window.",
                "--watch", "--samples", "3", "--fail-on", "stalled");
        assertUsage("--fail-on rewinding needs --watch", "--fail-on", "rewinding");
        assertThat(plan("--watch", "--samples", "2", "--fail-on", "rewinding").failOn())
                .containsExactly(GroupStatus.REWINDING);
    }

    @Test
    void anOtlpAddressGetsTheMetricsPathWhenItHasNone() {
        assertThat(plan("--watch", "--otlp", "http://localhost:4318").otlp())
                .contains(URI.create("http://localhost:4318/v1/metrics"));
        assertThat(plan("--watch", "--otlp", "https://otel.example:4318/").otlp())
                .contains(URI.create("https://otel.example:4318/v1/metrics"));
        assertThat(plan("--watch", "--otlp", "http://gateway:8080/otlp/v1/metrics").otlp())
                .as("a path of its own is kept").contains(URI.create("http://gateway:8080/otlp/v1/metrics"));
        assertUsage("--otlp takes a collector's OTLP/HTTP address such as http://localhost:4318: 'localhost:4318' "
                + "is not one.", "--watch", "--otlp", "localhost:4318");
        assertUsage("'grpc://collector:4317' is not one", "--watch", "--otlp", "grpc://collector:4317");
    }

    @Test
    void groupsAreNamesOrGlobs() {
        GroupSelection selection = GroupSelection.of(List.of("billing", "payment-*", "audit-?"));
        List<ConsumerGroupLag> groups = List.of(group("billing"), group("billing-v2"), group("payment-eu"),
                group("payment-us"), group("audit-1"), group("audit-12"), group("payments"));

        assertThat(selection.select(groups)).extracting(ConsumerGroupLag::group)
                .containsExactly("billing", "payment-eu", "payment-us", "audit-1");
        assertThat(selection.missing(groups, "kafka:9092")).isEmpty();
        assertThat(GroupSelection.of(List.of("billling", "shipping-*", "a.c")).missing(List.of(group("abc")),
                "kafka:9092")).as("a dot is a dot, not any character").containsExactly(
                "Consumer group 'billling' does not exist on kafka:9092.",
                "No consumer group on kafka:9092 matches 'shipping-*'.",
                "Consumer group 'a.c' does not exist on kafka:9092.");
        assertThat(GroupSelection.everyGroup().select(groups)).isEqualTo(groups);
        assertUsage("--group needs a group's name", "--group", " ");
    }

    @Test
    void refusalsAreExitCodeTwoWithOneSentenceAndNothingOnStdout() {
        var early = cli().run("lag", "--bootstrap-server", NOWHERE, "--fail-on", "stalled");
        assertThat(early.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(early.err()).startsWith("--fail-on stalled needs --watch").contains("Try 'flowdeck lag --help'");
        assertThat(early.out()).isEmpty();

        var noCluster = cli().run("lag");
        assertThat(noCluster.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noCluster.err()).contains("Missing required argument");

        var rabbit = cli().run("lag", "--amqp-uri", "amqp://rabbit:5672/%2F");
        assertThat(rabbit.exitCode()).as("lag is Kafka's: no RabbitMQ address").isEqualTo(ExitCodes.USAGE);
        assertThat(rabbit.err()).contains("Unknown options: '--amqp-uri'");

        var status = cli().run("lag", "--bootstrap-server", NOWHERE, "--fail-on", "broken");
        assertThat(status.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(status.err()).contains("broken").contains("STALLED");

        var span = cli().run("lag", "--bootstrap-server", NOWHERE, "--watch", "--interval", "often");
        assertThat(span.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(span.err()).contains("'often' is not a span of time: write 5s, 2m, 1h or 1h30m.");
        assertThat(cli().run("lag", "--bootstrap-server", NOWHERE, "--watch", "--interval", "2026-05-01T09:30:00Z")
                .err()).as("an instant is no span").contains("is not a span of time");
    }

    @Test
    void aRabbitMqProfileIsRefusedForNow(@TempDir Path config) {
        new ProfileRepository(config, new SessionSecretStore())
                .save(ConnectionProfile.rabbitMq("Billing broker", "amqp://rabbit:5672/%2F"), Map.of());

        var result = cli().configDirectory(config).run("lag", "--profile", "Billing broker");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("The profile 'Billing broker' is a RabbitMQ connection: the command line"
                + " reads Kafka's consumer groups only");
    }

    @Test
    void helpListsLagsOwnExitCodes() {
        var help = cli().run("lag", "--help");

        assertThat(help.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(help.out()).contains("Usage: flowdeck lag").contains("--fail-on").contains("--otlp")
                .doesNotContain("--amqp-uri").doesNotContain("a filter is invalid");
        for (String line : ExitCodes.LAG_HELP) {
            assertThat(help.out()).contains(line.substring(0, line.indexOf(':')) + "   ");
        }
        assertThat(cli().run("--help").out()).contains("lag").contains("a status --fail-on names");
    }

    private static ConsumerGroupLag group(String name) {
        return new ConsumerGroupLag(name, "Stable", 1, List.of());
    }

    private void assertUsage(String message, String... args) {
        assertThatThrownBy(() -> plan(args)).as(String.join(" ", args))
                .isInstanceOf(UsageException.class).hasMessageContaining(message);
    }

    private static LagPlan plan(String... args) {
        var nowhere = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        var command = new LagCommand(cli().environment(nowhere, nowhere));
        List<String> all = new ArrayList<>(List.of("--bootstrap-server", NOWHERE));
        all.addAll(List.of(args));
        new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(all.toArray(String[]::new));
        return command.plan();
    }

}
