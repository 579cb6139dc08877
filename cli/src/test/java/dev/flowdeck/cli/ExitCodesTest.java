package dev.flowdeck.cli;

import static dev.flowdeck.cli.CliRun.cli;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a script sees when the command line is wrong: exit code 2 (4 for a filter), a few lines on stderr, nothing on
 * stdout, and no broker contacted (the address given is a port nothing listens on, which would take seconds).
 */
class ExitCodesTest {

    private static final String NOWHERE = "127.0.0.1:1";

    @Test
    void aMissingOrDoubleTargetIsAUsageError() {
        var missing = cli().run("browse", "orders");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("Missing required argument").contains("Try 'flowdeck browse --help'");
        assertThat(missing.out()).isEmpty();

        var both = cli().run("browse", "orders", "--bootstrap-server", NOWHERE, "--amqp-uri", "amqp://h/");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).contains("mutually exclusive");

        var managementAlone = cli().run("browse", "orders", "--management-url", "http://h:15672/api/");
        assertThat(managementAlone.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(managementAlone.err()).contains("--amqp-uri");
    }

    @Test
    void aTypoGetsASuggestionNotTheWholeHelp() {
        var typo = cli().run("browse", "orders", "--bootstrap-sever", NOWHERE);
        assertThat(typo.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(typo.err()).contains("Unknown options: '--bootstrap-sever'")
                .contains("Possible solutions: --bootstrap-server");
        assertThat(typo.err().lines().count()).isLessThan(6);
    }

    @Test
    void malformedValuesAreUsageErrors() {
        assertThat(cli().run("browse", "orders", "--bootstrap-server", NOWHERE, "--last", "many").exitCode())
                .isEqualTo(ExitCodes.USAGE);
        var since = cli().run("browse", "orders", "--bootstrap-server", NOWHERE, "--since", "yesterday");
        assertThat(since.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(since.err()).contains("'yesterday' is not a time").contains("15m");
        var format = cli().run("browse", "orders", "--bootstrap-server", NOWHERE, "--output", "xml");
        assertThat(format.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(format.err()).contains("xml");
        assertThat(cli().run("browse", "orders", "--bootstrap-server", NOWHERE, "--output", "JSONL", "--offset", "-3")
                .exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void searchNeedsAFilter() {
        var result = cli().run("search", "orders", "--bootstrap-server", NOWHERE);
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("search needs at least one filter");
    }

    @Test
    void aPasswordIsNeverAnOption() {
        var result = cli().run("browse", "q", "--amqp-uri", "amqp://ops:secret@rabbit:5672/%2F");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--amqp-uri holds a password").contains("FLOWDECK_PASSWORD")
                .doesNotContain("secret");
        var notAmqp = cli().run("browse", "q", "--amqp-uri", "http://rabbit:15672/");
        assertThat(notAmqp.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(notAmqp.err()).contains("is not an AMQP URI");
    }

    @Test
    void anInvalidFilterIsCodeFourWithTheReason() {
        var regex = cli().run("search", "orders", "--bootstrap-server", NOWHERE, "--regex", "(a");
        assertThat(regex.exitCode()).isEqualTo(ExitCodes.INVALID_FILTER);
        assertThat(regex.err()).startsWith("The regular expression is not valid").hasLineCount(1);
        var json = cli().run("search", "orders", "--bootstrap-server", NOWHERE, "--jsonpath", "$.amount >");
        assertThat(json.exitCode()).isEqualTo(ExitCodes.INVALID_FILTER);
        assertThat(json.err()).hasLineCount(1).doesNotContain("\tat ");
    }

    @Test
    void anUnknownProfileNamesTheSavedOnes(@TempDir java.nio.file.Path config) {
        var result = cli().configDirectory(config).run("browse", "orders", "--profile", "prod");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("No profile 'prod': no profiles are saved in " + config);
    }

    @Test
    void helpAndVersion() {
        var help = cli().run("search", "--help");
        assertThat(help.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(help.out()).contains("Usage: flowdeck search").contains("--jsonpath").contains("Exit codes:");
        for (String line : ExitCodes.HELP) {
            assertThat(help.out()).contains(line.substring(0, line.indexOf(':')) + "   ");
        }
        var version = cli().run("--version");
        assertThat(version.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(version.outLines().getFirst()).matches("flowdeck \\d+\\.\\d+\\.\\d+.*");

        var nothing = cli().run();
        assertThat(nothing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(nothing.err()).contains("browse").contains("search").contains("lag");
    }
}
