package dev.flowdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.replay.EventOutcome;
import dev.flowdeck.replay.EventOutcome.Kind;
import dev.flowdeck.replay.JournalState;
import dev.flowdeck.replay.ReplayReport;
import dev.flowdeck.replayconnect.ReplayJob;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The exit code a runbook checks after a replay, from its report and its journal. */
class ReplayReportJsonTest {

    private static final Map<String, JournalState.Standing> NO_JOURNAL = Map.of();

    @Test
    void everyEventInTheTargetIsZeroHeldOnesIncluded() {
        assertThat(code(false, NO_JOURNAL, outcome("a", Kind.DELIVERED), outcome("b", Kind.ALREADY_DELIVERED),
                outcome("c", Kind.HELD))).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aFailedSendIsFailedButOneLeftAtSentIsInDoubt() {
        var failedSend = Map.of("a", new JournalState.Standing(JournalState.Step.FAILED, "timed out"));
        var unreadable = Map.of("a", new JournalState.Standing(JournalState.Step.SENT, null));

        assertThat(code(false, failedSend, outcome("a", Kind.FAILED))).isEqualTo(ExitCodes.SOME_FAILED);
        assertThat(code(false, unreadable, outcome("a", Kind.FAILED))).isEqualTo(ExitCodes.IN_DOUBT);
    }

    @Test
    void aCancelledRunIsInterruptedWhateverElseHappened() {
        assertThat(code(true, NO_JOURNAL, outcome("a", Kind.FAILED), outcome("b", Kind.NOT_SENT)))
                .isEqualTo(ExitCodes.INTERRUPTED);
    }

    @Test
    void eventsRefusedAsAlreadyReplayedSayForceIsNeeded() {
        assertThat(code(false, NO_JOURNAL, outcome("a", Kind.DELIVERED), outcome("b", Kind.REFUSED_ALREADY_REPLAYED)))
                .isEqualTo(ExitCodes.ALREADY_REPLAYED);
        assertThat(ReplayReportJson.advice(ExitCodes.ALREADY_REPLAYED, "r-1", result(false,
                outcome("b", Kind.REFUSED_ALREADY_REPLAYED)))).contains("--force");
        assertThat(ReplayReportJson.advice(ExitCodes.INTERRUPTED, "r-1", result(true, outcome("b", Kind.NOT_SENT))))
                .contains("flowdeck replay --resume r-1");
    }

    private static int code(boolean cancelled, Map<String, JournalState.Standing> journal,
                            EventOutcome... outcomes) {
        return ReplayReportJson.exitCode(result(cancelled, outcomes), journal);
    }

    private static ReplayJob.Result result(boolean cancelled, EventOutcome... outcomes) {
        return new ReplayJob.Result(new ReplayReport("r-1", cancelled, List.of(outcomes), Optional.empty()),
                ReplayJob.Delivery.EXACTLY_ONCE);
    }

    private static EventOutcome outcome(String key, Kind kind) {
        return new EventOutcome(key, kind, false, "detail");
    }
}
