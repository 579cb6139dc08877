package dev.flowdeck.cli;

/** What {@code flowdeck} exits with, so a script can tell the outcomes apart. Said in --help and the README. */
public final class ExitCodes {

    /** Done; a search found at least one message. */
    public static final int OK = 0;
    /** A search read everything asked for and nothing matched. */
    public static final int NOTHING_FOUND = 1;
    /** The command line was wrong (picocli's own code for invalid input). */
    public static final int USAGE = 2;
    /** The broker could not be reached, refused the credentials, or has no such destination. */
    public static final int BROKER = 3;
    /** A filter cannot be used: a regular expression or JSONPath that does not parse. */
    public static final int INVALID_FILTER = 4;
    /** The output could not be written (a full disk, a closed file), or something failed unexpectedly. */
    public static final int OUTPUT = 5;

    /** The lines --help shows, code and meaning separated by a colon as picocli wants them. */
    static final String[] HELP = {
        "0:done; a search found at least one message",
        "1:a search found no message",
        "2:the command line is wrong (an unknown option, a missing or malformed value)",
        "3:the broker cannot be reached, refused the credentials, or has no such topic or queue",
        "4:a filter is invalid (a regular expression or JSONPath that does not parse)",
        "5:the output could not be written, or an unexpected failure",
    };

    private ExitCodes() {
    }
}
