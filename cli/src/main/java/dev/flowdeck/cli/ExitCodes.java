package dev.flowdeck.cli;

/** What {@code flowdeck} exits with, so a script can tell the outcomes apart. Said in --help and the README. */
public final class ExitCodes {

    /** Done; a search found at least one message; no group had a status {@code lag --fail-on} names. */
    public static final int OK = 0;
    /** A search read everything asked for and nothing matched. */
    public static final int NOTHING_FOUND = 1;
    /**
     * {@code lag --fail-on}: a group's status at the last sample was one of those named. It shares 1 with
     * {@link #NOTHING_FOUND} on purpose: for both, the check ran and its answer is "no", as grep's 1 says; 2 and up
     * stay errors.
     */
    public static final int STATUS_FAILED = 1;
    /** The command line was wrong (picocli's own code for invalid input). */
    public static final int USAGE = 2;
    /** The broker could not be reached, refused the credentials, or has no such destination or consumer group. */
    public static final int BROKER = 3;
    /** A filter cannot be used: a regular expression or JSONPath that does not parse. */
    public static final int INVALID_FILTER = 4;
    /** The output could not be written (a full disk, a closed file), or something failed unexpectedly. */
    public static final int OUTPUT = 5;
    /** replay: a real run was not confirmed (the operator said no, or no terminal and no --yes); nothing sent. */
    public static final int NOT_CONFIRMED = 6;
    /** replay: refused before sending, by a read-only profile or a move the broker cannot do yet. */
    public static final int REFUSED = 7;
    /** replay: some sends failed (the broker refused or timed out); --resume retries them. */
    public static final int SOME_FAILED = 8;
    /** replay: some sends have no known outcome (the target could not be read back); --resume settles them. */
    public static final int IN_DOUBT = 9;
    /** replay: the run was cancelled before every event was sent; --resume sends the rest. */
    public static final int INTERRUPTED = 10;
    /** replay: every other event delivered, some refused as delivered by an earlier replay (--force sends them). */
    public static final int ALREADY_REPLAYED = 11;

    /** The lines browse's and search's --help show, code and meaning separated by a colon as picocli wants them. */
    static final String[] HELP = {
        "0:done; a search found at least one message",
        "1:a search found no message",
        "2:the command line is wrong (an unknown option, a missing or malformed value)",
        "3:the broker cannot be reached, refused the credentials, or has no such topic or queue",
        "4:a filter is invalid (a regular expression or JSONPath that does not parse)",
        "5:the output could not be written, or an unexpected failure",
    };

    /** The lines {@code flowdeck --help} shows: every command's. */
    static final String[] ALL_HELP = {
        "0:done",
        "1:search found no message, trace no chain, flow no hop, or lag found a group in a status --fail-on names",
        "2:the command line is wrong (an unknown option, a missing or malformed value)",
        "3:the broker cannot be reached, refused the credentials, or has no such topic, queue or consumer group",
        "4:a filter is invalid (a regular expression or JSONPath that does not parse)",
        "5:the output could not be written, or an unexpected failure",
        "6-11:replay only: not confirmed, refused, some failed, in doubt, interrupted, already replayed",
    };

    /** The lines trace's and flow's --help show: "nothing found" is 1, as for a search. */
    static final String[] TRACE_HELP = {
        "0:done: the chain (trace) or the flow graph (flow) was found and printed",
        "1:no event of that trace or key (trace), no hop between two events of one transaction (flow)",
        "2:the command line is wrong (an unknown option, a missing or malformed value)",
        "3:the broker cannot be reached, refused the credentials, or has no such topic or queue",
        "5:the output could not be written, the indexing was interrupted, or an unexpected failure",
    };

    /** The lines replay's --help shows. */
    static final String[] REPLAY_HELP = {
        "0:every event is in the target (a dry run, a saved plan or a list: done)",
        "1:no dead letter of that group, or nothing left to send",
        "2:the command line is wrong, or the plan file cannot be applied",
        "3:the broker cannot be reached, refused the credentials, or has no such topic or queue",
        "5:the report could not be written, or an unexpected failure",
        "6:not confirmed: nothing sent (answer the question, or --yes when not on a terminal)",
        "7:refused: the profile is read-only, or a move the broker cannot do yet; nothing sent",
        "8:some sends failed; --resume REPLAY_ID retries them",
        "9:some sends are in doubt (the target could not be read back); --resume REPLAY_ID settles them",
        "10:interrupted before every event was sent; --resume REPLAY_ID sends the rest",
        "11:some events were delivered by an earlier replay and not sent again (--force sends them)",
    };

    /** The lines dlq's subcommands' --help show. */
    static final String[] DLQ_HELP = {
        "0:done",
        "1:no dead-letter destination, no dead letter, or none of that group",
        "2:the command line is wrong (an unknown option, a missing or malformed value)",
        "3:the broker cannot be reached, refused the credentials, or has no such topic or queue",
        "5:the output could not be written, or an unexpected failure",
    };

    /** The lines lag's --help shows: it has no filter, and its 1 is --fail-on's. */
    static final String[] LAG_HELP = {
        "0:done; no group's status was one --fail-on names",
        "1:a group's status at the last sample was one --fail-on names",
        "2:the command line is wrong (an unknown option, a missing or malformed value)",
        "3:the cluster cannot be reached or refused the credentials, a consumer group asked for does not exist",
        "5:the output could not be written, or an unexpected failure",
    };

    private ExitCodes() {
    }
}
