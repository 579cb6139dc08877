package dev.flowdeck.cli;

import static dev.flowdeck.cli.CliRun.cli;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay} and {@code dlq} command lines that are wrong end as usage errors before any broker is contacted
 * (the address is a port nothing listens on); {@code replay --list} needs no cluster at all.
 */
class ReplayCommandLineTest {

    private static final String NOWHERE = "127.0.0.1:1";

    @TempDir
    Path config;

    @Test
    void aReplayMustSayWhatToReplayOnce() {
        var nothing = cli().run("replay", "--bootstrap-server", NOWHERE);
        assertThat(nothing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(nothing.err()).contains("--group ID, --plan FILE, --resume REPLAY_ID, or --list");

        var two = cli().run("replay", "orders.DLT", "--group", "abc", "--resume", "r-1", "--bootstrap-server",
                NOWHERE);
        assertThat(two.exitCode()).isEqualTo(ExitCodes.USAGE);

        var groupAlone = cli().run("replay", "--group", "abc", "--bootstrap-server", NOWHERE);
        assertThat(groupAlone.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(groupAlone.err()).contains("needs the DESTINATION");
        assertThat(groupAlone.out()).isEmpty();
    }

    @Test
    void aDryRunOfAResumeAndAReplayWithoutAClusterAreUsageErrors() {
        var dryResume = cli().run("replay", "--resume", "r-1", "--dry-run", "--bootstrap-server", NOWHERE);
        assertThat(dryResume.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(dryResume.err()).contains("--dry-run");

        var noCluster = cli().run("replay", "orders.DLT", "--group", "abc");
        assertThat(noCluster.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noCluster.err()).contains("--bootstrap-server, --amqp-uri or --profile");

        var both = cli().run("replay", "orders.DLT", "--group", "abc", "--move", "--copy", "--bootstrap-server",
                NOWHERE);
        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);

        var noConcurrency = cli().run("replay", "orders.DLT", "--group", "abc", "--concurrency", "0",
                "--bootstrap-server", NOWHERE);
        assertThat(noConcurrency.exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void listingTheReplaysNeedsNoClusterAndAnEmptyDirectoryListsNone() {
        var listed = cli().configDirectory(config).run("replay", "--list", "--output", "json");

        assertThat(listed.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(listed.out().strip()).isEqualTo("[]");
    }

    @Test
    void dlqNeedsASubcommandAndACluster() {
        assertThat(cli().run("dlq").exitCode()).isEqualTo(ExitCodes.USAGE);
        var noCluster = cli().run("dlq", "groups", "orders.DLT");
        assertThat(noCluster.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noCluster.out()).isEmpty();
    }

    @Test
    void theReplayHelpListsItsExitCodes() {
        var help = cli().run("replay", "--help");
        assertThat(help.exitCode()).isEqualTo(ExitCodes.OK);
        String words = help.out().replaceAll("\\s+", " "); // picocli wraps the lines
        assertThat(words).contains("Exit codes:").contains("--resume REPLAY_ID sends the rest").contains("--force");
    }
}
