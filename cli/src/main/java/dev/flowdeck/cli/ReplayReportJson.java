package dev.flowdeck.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.replay.EventOutcome;
import dev.flowdeck.replay.JournalState;
import dev.flowdeck.replay.ReplayPlan;
import dev.flowdeck.replay.ReplayReport;
import dev.flowdeck.replayconnect.ReplayJob;
import java.util.Locale;
import java.util.Map;

/** The report of a replay run as one JSON object for scripts, and the exit code a runbook checks. */
final class ReplayReportJson {

    private ReplayReportJson() {
    }

    static String of(ReplayJob.Result result, ReplayPlan plan, ConnectionProfile profile,
                     Map<String, JournalState.Standing> journal) {
        ReplayReport report = result.report();
        ObjectNode root = DlqCommand.JSON.createObjectNode().put("replayId", report.replayId())
                .put("cluster", profile.name()).put("mode", plan.mode().name().toLowerCase(Locale.ROOT))
                .put("source", plan.source())
                .put("delivery", result.delivery() == ReplayJob.Delivery.EXACTLY_ONCE ? "exactly once"
                        : "at least once")
                .put("deliveryNote", result.delivery().sentence())
                .put("cancelled", report.cancelled()).put("complete", report.complete())
                .put("summary", report.summary());
        ObjectNode counts = root.putObject("counts");
        for (EventOutcome.Kind kind : EventOutcome.Kind.values()) {
            counts.put(camel(kind), report.count(kind));
        }
        counts.put("inDoubt", inDoubt(report, journal));
        ArrayNode outcomes = root.putArray("outcomes");
        report.outcomes().forEach(outcome -> outcomes.addObject().put("key", outcome.key())
                .put("outcome", camel(outcome.kind())).put("removed", outcome.removed())
                .put("detail", outcome.detail()));
        root.put("auditUnrecorded", report.unrecorded().orElse(null));
        root.put("resumeWith", report.complete() ? null : "flowdeck replay --resume " + report.replayId());
        return root.toString();
    }

    /**
     * The first of: interrupted (cancelled), in doubt (a send with no known outcome: the target could not be read
     * back), failed (the broker refused or timed out a send), refused as already replayed; else 0.
     */
    static int exitCode(ReplayJob.Result result, Map<String, JournalState.Standing> journal) {
        ReplayReport report = result.report();
        if (report.cancelled()) {
            return ExitCodes.INTERRUPTED;
        }
        if (inDoubt(report, journal) > 0) {
            return ExitCodes.IN_DOUBT;
        }
        if (report.count(EventOutcome.Kind.FAILED) > 0) {
            return ExitCodes.SOME_FAILED;
        }
        if (report.count(EventOutcome.Kind.REFUSED_ALREADY_REPLAYED) > 0) {
            return ExitCodes.ALREADY_REPLAYED;
        }
        return ExitCodes.OK;
    }

    static String advice(int exitCode, String replayId, ReplayJob.Result result) {
        String resume = "flowdeck replay --resume " + replayId;
        return "Replay " + replayId + ": " + result.report().summary() + ". " + switch (exitCode) {
            case ExitCodes.INTERRUPTED -> "Interrupted: " + resume + " sends the rest.";
            case ExitCodes.IN_DOUBT -> "Some sends have no known outcome: " + resume + " reads the target back and "
                    + "sends only what is missing.";
            case ExitCodes.SOME_FAILED -> "Some sends failed: " + resume + " retries them (the target is read back "
                    + "first).";
            case ExitCodes.ALREADY_REPLAYED -> "Some events were delivered by an earlier replay and not sent again; "
                    + "add --force to send them anyway.";
            default -> "";
        };
    }

    /** Failed in this run with the journal still at {@code sent}: the target was never seen with or without it. */
    private static long inDoubt(ReplayReport report, Map<String, JournalState.Standing> journal) {
        return report.outcomes().stream().filter(outcome -> outcome.kind() == EventOutcome.Kind.FAILED)
                .filter(outcome -> {
                    JournalState.Standing standing = journal.get(outcome.key());
                    return standing != null && standing.step() == JournalState.Step.SENT;
                }).count();
    }

    private static String camel(EventOutcome.Kind kind) {
        String[] words = kind.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return name.toString();
    }
}
