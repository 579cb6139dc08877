package dev.flowdeck.views.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.core.broker.TopicSummary;
import dev.flowdeck.core.deadletter.DeadLetterDecoder;
import dev.flowdeck.core.deadletter.DeadLetterGroup;
import dev.flowdeck.core.deadletter.DeadLetterGroups;
import dev.flowdeck.replay.EventOutcome;
import dev.flowdeck.replay.Redirect;
import dev.flowdeck.replay.ReplayChoices;
import dev.flowdeck.replay.ReplayMode;
import dev.flowdeck.replay.ReplayOptions;
import dev.flowdeck.replay.ReplayProgress;
import dev.flowdeck.replay.ReplaySummary;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The dialog's steps against a scripted service (the engine's own planner and dry run are real). */
class ReplayViewModelTest {

    private static final Destination PAYMENTS_DLT = new TopicSummary("payments.DLT", 1, 1, 3);

    private final ScriptedReplays service = new ScriptedReplays();

    @Test
    void plansTheGroupShowsTheDryRunAndReplaysWithTheChosenRateThenReportsEveryEvent() {
        var model = new ReplayViewModel(service, ConnectionProfile.kafka("shop", "localhost:9092"), PAYMENTS_DLT,
                group(), Runnable::run);
        model.plan();

        assertThat(model.stepProperty().get()).isEqualTo(ReplayViewModel.Step.REVIEW);
        assertThat(model.summaryProperty().get()).isEqualTo("Copy 3 events to payments, partition 0 on shop.");
        assertThat(model.dryRunProperty().get()).startsWith("payments.DLT/0@0 → payments, partition 0\n")
                .contains("+ header flowdeck-replay-id: r-1", "- header kafka_dlt-exception-fqcn: com.acme.Timeout");
        assertThat(model.notesProperty().get()).isEqualTo("1 dead letter has no origin header: left out.");
        assertThat(model.canStartBinding().get()).isTrue();

        model.rateProperty().set(20);
        model.concurrencyProperty().set(4);
        model.start();
        service.progress.accept(new ReplayProgress(3, 1, 1, 0, 2, ReplayProgress.State.RUNNING));
        service.progress.accept(new ReplayProgress(3, 2, 2, 0, 1, ReplayProgress.State.PAUSED));

        assertThat(service.options).isEqualTo(new ReplayOptions(20, 4, false));
        assertThat(model.progressProperty().get()).isEqualTo(2 / 3.0);
        assertThat(model.progressTextProperty().get())
                .isEqualTo("2 of 3 done: 2 delivered, 0 failed, 1 waiting for the broker · paused");
        assertThat(model.pausedProperty().get()).isTrue();

        service.finish(outcomes(EventOutcome.Kind.DELIVERED, 3), false);

        assertThat(model.stepProperty().get()).isEqualTo(ReplayViewModel.Step.ENDED);
        assertThat(model.progressTextProperty().get()).startsWith("Done: 3 delivered, 0 already there, 0 failed");
        assertThat(model.errorProperty().get()).isEmpty();
    }

    @Test
    void aProductionClusterStartsOnlyOnceItsNameIsTypedAndAReadOnlyOneNever() {
        var production = new ReplayViewModel(service, production("prod-eu"), PAYMENTS_DLT, group(),
                Runnable::run);
        production.plan();
        assertThat(production.typeToConfirm()).isEqualTo("prod-eu");
        assertThat(production.canStartBinding().get()).isFalse();
        production.start();
        assertThat(service.options).isNull();

        production.typedNameProperty().set("prod-e");
        assertThat(production.canStartBinding().get()).isFalse();
        production.typedNameProperty().set(" prod-eu ");
        assertThat(production.canStartBinding().get()).isTrue();

        var readOnly = new ReplayViewModel(service, ConnectionProfile.kafka("audit", "kafka:9092").asReadOnly(),
                PAYMENTS_DLT, group(), Runnable::run);
        readOnly.plan();
        assertThat(readOnly.canStartBinding().get()).isFalse();
        assertThat(readOnly.errorProperty().get()).startsWith("audit is read-only: Flowdeck will not send to it.");
    }

    @Test
    void aReplayThatEndsIncompleteSaysHowToResumeAndAPlanThatCannotBeMadeSaysWhy() {
        var model = new ReplayViewModel(service, ConnectionProfile.kafka("shop", "localhost:9092"), PAYMENTS_DLT,
                group(), Runnable::run);
        model.plan();
        model.start();
        service.finish(List.of(outcome(EventOutcome.Kind.DELIVERED, 0), outcome(EventOutcome.Kind.FAILED, 1),
                outcome(EventOutcome.Kind.NOT_SENT, 2)), true);

        assertThat(model.progressTextProperty().get()).startsWith("Stopped: 1 delivered, 0 already there, 1 failed");
        assertThat(model.errorProperty().get()).isEqualTo("Not every event reached payments, partition 0. The "
                + "journal of replay r-1 keeps what was sent; resume it to send the rest exactly once.");

        service.readFailure = new IllegalStateException("The broker is unreachable: check the address.");
        var failing = new ReplayViewModel(service, ConnectionProfile.kafka("shop", "localhost:9092"), PAYMENTS_DLT,
                group(), Runnable::run);
        failing.plan();
        assertThat(failing.errorProperty().get()).isEqualTo("The broker is unreachable: check the address.");
        assertThat(failing.summaryProperty().get()).isEqualTo("No plan: nothing will be sent.");
        assertThat(failing.canStartBinding().get()).isFalse();
    }

    @Test
    void aScansMatchesAreReadAgainWholeAndPlannedLikeDeadLetters() {
        var scan = dev.flowdeck.core.browse.BrowseRequest.fromBeginning("payments.DLT");
        var model = ReplayViewModel.forScan(service, ConnectionProfile.kafka("shop", "localhost:9092"), PAYMENTS_DLT,
                scan, Runnable::run);

        model.plan();

        assertThat(model.title()).isEqualTo("Replay the scan's matches in payments.DLT");
        assertThat(service.scans).containsExactly(scan);
        assertThat(model.summaryProperty().get()).isEqualTo("Copy 3 events to payments, partition 0 on shop.");
        assertThat(model.canStartBinding().get()).isTrue();
    }

    @Test
    void aResumeSkipsPlanningAndResumesTheJournaledReplayById() {
        var interrupted = new ReplaySummary("r-7", ReplaySummary.State.IN_DOUBT, ScriptedReplays.T0,
                ScriptedReplays.T0, 10, 6, 1, 3, 0, true);
        var model = ReplayViewModel.resuming(service, ConnectionProfile.kafka("shop", "localhost:9092"), interrupted,
                Runnable::run);

        model.plan();

        assertThat(model.title()).isEqualTo("Resume replay r-7");
        assertThat(model.choosesHow()).isFalse();
        assertThat(model.summaryProperty().get()).isEqualTo("Resume replay r-7 on shop: 3 not sent yet, 1 in doubt "
                + "(read back from the target first), 6 delivered.");
        assertThat(model.canStartBinding().get()).isTrue();
        model.start();
        assertThat(service.resumed).containsExactly("r-7");
        assertThat(service.reads).isZero();
        assertThat(model.stepProperty().get()).isEqualTo(ReplayViewModel.Step.RUNNING);
    }

    @Test
    void changedChoicesArePlannedAgainWithoutReadingAgainAndABadLineLeavesNoPlan() {
        var model = new ReplayViewModel(service, ConnectionProfile.kafka("shop", "localhost:9092"), PAYMENTS_DLT,
                group(), Runnable::run);
        model.plan();

        model.modeProperty().set(ReplayMode.MOVE);
        assertThat(model.planProperty().get().mode()).isEqualTo(ReplayMode.MOVE);
        assertThat(model.summaryProperty().get()).startsWith("Move 3 events");

        model.sendElsewhereProperty().set(true);
        model.elsewhereProperty().set("payments-retry");
        model.byKeyProperty().set(true);
        model.transformsProperty().set("set header tenant = eu");
        model.replan();

        assertThat(service.reads).isEqualTo(1);
        assertThat(service.choices.getLast()).isEqualTo(new ReplayChoices(ReplayMode.MOVE,
                new Redirect.KafkaTopic("payments-retry", true), service.choices.getLast().transforms()));
        assertThat(model.summaryProperty().get()).isEqualTo("Move 3 events to payments-retry, by key on shop.");
        assertThat(model.dryRunProperty().get()).contains("+ header tenant: eu");

        model.transformsProperty().set("rename header a b");
        model.replan();

        assertThat(model.planProperty().get()).isNull();
        assertThat(model.canStartBinding().get()).isFalse();
        assertThat(model.errorProperty().get()).startsWith("Line 1 (rename header a b): expected");
        assertThat(model.summaryProperty().get()).isEqualTo("No plan: fix the choices, then plan again.");
    }

    @Test
    void theDryRunAndTheCauseAreShownAsTheProfilesMaskingLetsThemBeRead() {
        var rules = new dev.flowdeck.core.mask.MaskingSettings(List.of(
                dev.flowdeck.core.mask.MaskRule.parse("header kafka_dlt-exception-fqcn mask")), false, false);
        var profile = ConnectionProfile.kafka("shop", "localhost:9092").withMasking(rules);
        var model = new ReplayViewModel(service, profile, PAYMENTS_DLT, group(), Runnable::run)
                .showingWith(dev.flowdeck.views.mask.ProfileMasking.forSession(profile), "com.acme.Timeout: •••");
        model.plan();

        assertThat(model.dryRunProperty().get()).contains("- header kafka_dlt-exception-fqcn: •••")
                .doesNotContain("com.acme.Timeout");
        assertThat(model.cause()).isEqualTo("com.acme.Timeout: •••");
    }

    private static ConnectionProfile production(String name) {
        var plain = ConnectionProfile.kafka(name, "kafka:9092");
        return new ConnectionProfile(plain.id(), name, plain.kind(), plain.address(), plain.username(), false, true,
                false, java.util.Map.of());
    }

    private static DeadLetterGroup group() {
        var groups = new DeadLetterGroups();
        groups.add(DeadLetterDecoder.standard().decode(ScriptedReplays.letter(0)));
        return groups.groups().getFirst();
    }

    private static List<EventOutcome> outcomes(EventOutcome.Kind kind, int count) {
        return IntStream.range(0, count).mapToObj(i -> outcome(kind, i)).toList();
    }

    private static EventOutcome outcome(EventOutcome.Kind kind, int offset) {
        return new EventOutcome("payments.DLT/0@" + offset, kind, false, "");
    }
}
