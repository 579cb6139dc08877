package dev.flowdeck.views.replay;

import dev.flowdeck.core.broker.BrokerKind;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.core.broker.Failures;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.deadletter.DeadLetterGroup;
import dev.flowdeck.replay.DryRun;
import dev.flowdeck.replay.Redirect;
import dev.flowdeck.replay.ReplayChoices;
import dev.flowdeck.replay.ReplayMode;
import dev.flowdeck.replay.ReplayOptions;
import dev.flowdeck.replay.ReplayPlan;
import dev.flowdeck.replay.ReplayProgress;
import dev.flowdeck.replay.ReplayReport;
import dev.flowdeck.replay.ReplaySummary;
import dev.flowdeck.replay.SelectionRead;
import dev.flowdeck.replay.TransformLines;
import dev.flowdeck.views.common.Formats;
import dev.flowdeck.views.mask.ProfileMasking;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One replay from plan to end, as its dialog walks it: plan (the group read again and planned back to where each
 * letter failed), review (the dry run: every event, its target and its header changes), confirm (count, target and
 * cluster named; a production cluster's name typed), run (progress, pause, resume, cancel) and the report.
 *
 * <p>Every method runs on the FX thread; the service's stages and progress hop back through {@code ui}, progress
 * coalesced so a fast replay never floods the FX thread.
 */
public final class ReplayViewModel {

    /** Where the dialog is. */
    public enum Step { PLANNING, REVIEW, RUNNING, ENDED }

    /** How many lines of a dry run the dialog lists; the saved plan has every event. */
    static final int PREVIEW_LINES = 2_000;

    private final ReplayService service;
    private final ConnectionProfile profile;
    /** What the operator reads at the top: which events, and their cause where they share one. */
    private final String title;
    private String cause;
    /** What the dry run shows of header values (decision 0022); a plan is made and sent from the raw events. */
    private ProfileMasking masking = ProfileMasking.NONE;
    /** Reads the events to plan (a dead-letter group, a scan's matches); null when resuming. */
    private final Supplier<CompletionStage<SelectionRead>> reader;
    /** Set when this dialog resumes an interrupted replay instead of planning one. */
    private final ReplaySummary resuming;
    private final Executor ui;

    private final ObjectProperty<Step> step = new SimpleObjectProperty<>(Step.PLANNING);
    private final ObjectProperty<ReplayMode> mode = new SimpleObjectProperty<>(ReplayMode.COPY);
    private final DoubleProperty rate = new SimpleDoubleProperty(50);
    private final IntegerProperty concurrency = new SimpleIntegerProperty(ReplayOptions.DEFAULT_CONCURRENCY);
    private final BooleanProperty force = new SimpleBooleanProperty();
    private final StringProperty typedName = new SimpleStringProperty("");
    private final ObjectProperty<ReplayPlan> plan = new SimpleObjectProperty<>();
    private final StringProperty summary = new SimpleStringProperty("Reading the events to replay…");
    private final StringProperty dryRun = new SimpleStringProperty("");
    private final StringProperty notes = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final DoubleProperty progress = new SimpleDoubleProperty(-1);
    private final StringProperty progressText = new SimpleStringProperty("");
    private final BooleanProperty paused = new SimpleBooleanProperty();
    private final ObjectProperty<ReplayReport> report = new SimpleObjectProperty<>();
    private final BooleanBinding canStart;

    private final BooleanProperty sendElsewhere = new SimpleBooleanProperty();
    private final StringProperty elsewhere = new SimpleStringProperty("");
    private final BooleanProperty byKey = new SimpleBooleanProperty();
    private final StringProperty routingKey = new SimpleStringProperty("");
    private final StringProperty transforms = new SimpleStringProperty("");

    private final AtomicReference<ReplayProgress> latest = new AtomicReference<>();
    private SelectionRead read;
    private int generation;
    private StartedReplay running;

    /**
     * @param destination the dead-letter destination the group was read from
     * @param ui          runs on the FX thread ({@code Platform::runLater} in the app)
     */
    public ReplayViewModel(ReplayService service, ConnectionProfile profile, Destination destination,
                           DeadLetterGroup group, Executor ui) {
        this(service, profile, "Replay " + Formats.count(group.count()) + " dead letters of " + destination.name(),
                group.fingerprint() == null ? "" : group.fingerprint().spoken(),
                () -> service.read(destination, group), null, ui);
    }

    /** A dialog that replays the matches of a browser's scan (read again whole), to where they sit or elsewhere. */
    public static ReplayViewModel forScan(ReplayService service, ConnectionProfile profile, Destination destination,
                                          BrowseRequest scan, Executor ui) {
        return new ReplayViewModel(service, profile, "Replay the scan's matches in " + destination.name(), "",
                () -> service.readScan(destination, scan), null, ui);
    }

    /** A dialog that resumes {@code interrupted} from its journal, with no planning step. */
    public static ReplayViewModel resuming(ReplayService service, ConnectionProfile profile,
                                           ReplaySummary interrupted, Executor ui) {
        return new ReplayViewModel(service, profile, "Resume replay " + interrupted.replayId(), "", null,
                interrupted, ui);
    }

    /**
     * Shows the dry run as {@code profileMasking} lets it be read, and {@code shownCause} (the group's cause as
     * masking lets it be read) in place of the raw one. Call before the dialog opens.
     */
    public ReplayViewModel showingWith(ProfileMasking profileMasking, String shownCause) {
        this.masking = profileMasking;
        if (shownCause != null && !cause.isEmpty()) {
            this.cause = shownCause;
        }
        return this;
    }

    private ReplayViewModel(ReplayService service, ConnectionProfile profile, String title, String cause,
                            Supplier<CompletionStage<SelectionRead>> reader, ReplaySummary resuming, Executor ui) {
        this.service = service;
        this.profile = profile;
        this.title = title;
        this.cause = cause;
        this.reader = reader;
        this.resuming = resuming;
        this.ui = ui;
        // A production cluster's name must be typed: the one moment a tired operator reads what will happen.
        canStart = Bindings.createBooleanBinding(() -> step.get() == Step.REVIEW
                        && (resuming != null || plan.get() != null && !plan.get().events().isEmpty())
                        && !profile.readOnly()
                        && (!profile.production() || typedName.get().strip().equals(profile.name())),
                step, plan, typedName);
        mode.addListener((property, before, now) -> replan());
    }

    /** Plans the replay of the group; again whenever the mode changes before it starts. */
    public void plan() {
        if (step.get() == Step.RUNNING || step.get() == Step.ENDED) {
            return;
        }
        if (resuming != null) {
            step.set(Step.REVIEW);
            summary.set(("Resume replay %s on %s: %s not sent yet, %s in doubt (read back from the target first), "
                    + "%s delivered.").formatted(resuming.replayId(), profile.name(),
                    Formats.count(resuming.notSent()), Formats.count(resuming.inDoubt()),
                    Formats.count(resuming.delivered())));
            if (profile.readOnly()) {
                error.set(profile.name() + " is read-only: Flowdeck will not send to it.");
            }
            return;
        }
        if (read != null) {
            replan();
            return;
        }
        int mine = ++generation;
        step.set(Step.PLANNING);
        plan.set(null);
        error.set("");
        summary.set("Reading the events to replay…");
        reader.get().whenComplete((letters, failure) -> ui.execute(() -> {
            if (mine != generation) {
                return;
            }
            if (failure != null) {
                error.set(sentence(failure));
                summary.set("No plan: nothing will be sent.");
                return;
            }
            read = letters;
            notes.set(String.join("\n", letters.notes()));
            replan();
        }));
    }

    /**
     * Plans the events read with the choices as they are now: where to, what to change, copy or move. Choices that
     * do not read (a transform line, an empty topic) leave no plan and say why.
     */
    public void replan() {
        if (read == null || step.get() == Step.RUNNING || step.get() == Step.ENDED) {
            return;
        }
        int mine = ++generation;
        step.set(Step.PLANNING);
        plan.set(null);
        error.set("");
        ReplayChoices choices;
        try {
            choices = choices();
        } catch (IllegalArgumentException unreadable) {
            step.set(Step.REVIEW);
            error.set(unreadable.getMessage());
            summary.set("No plan: fix the choices, then plan again.");
            dryRun.set("");
            return;
        }
        summary.set("Planning " + Formats.count(read.selection().events().size()) + " events…");
        service.plan(read, choices).whenComplete((planned, failure) -> ui.execute(() -> {
            if (mine != generation) {
                return; // a choice changed while this plan was made: a newer one is on its way
            }
            step.set(Step.REVIEW);
            if (failure != null) {
                error.set(sentence(failure));
                summary.set("No plan: fix the choices, then plan again.");
                dryRun.set("");
                return;
            }
            review(planned);
        }));
    }

    /** The choices the dialog's fields make; a field that does not read throws with a sentence. */
    ReplayChoices choices() {
        Redirect redirect;
        if (sendElsewhere.get()) {
            String where = elsewhere.get() == null ? "" : elsewhere.get().strip();
            redirect = profile.kind() == BrokerKind.KAFKA ? new Redirect.KafkaTopic(where, byKey.get())
                    : new Redirect.RabbitExchange(where, Optional.ofNullable(routingKey.get()));
        } else {
            redirect = new Redirect.Origin(byKey.get());
        }
        return new ReplayChoices(mode.get(), redirect, TransformLines.parse(transforms.get()));
    }

    private void review(ReplayPlan planned) {
        DryRun preview = DryRun.of(planned, masking.masking());
        plan.set(planned);
        int count = planned.events().size();
        summary.set(count == 0 ? "Nothing to send: " + held(planned)
                : "%s %s %s to %s on %s%s.".formatted(verb(), Formats.count(count), count == 1 ? "event" : "events",
                String.join(", ", planned.targets()), profile.name(), planned.held().isEmpty() ? ""
                        : " (" + held(planned) + ")"));
        String text = preview.text();
        int cut = nthLineEnd(text, PREVIEW_LINES);
        dryRun.set(cut < 0 ? text : text.substring(0, cut) + "\n… the rest as above (save the plan to read it whole)");
        if (profile.readOnly()) {
            error.set(profile.name() + " is read-only: Flowdeck will not send to it. Save the plan for someone who "
                    + "may, or edit the connection.");
        }
    }

    private String verb() {
        return mode.get() == ReplayMode.MOVE ? "Move" : "Copy";
    }

    private static String held(ReplayPlan planned) {
        return Formats.count(planned.held().size()) + " held back: quarantined or not transformable";
    }

    private static int nthLineEnd(String text, int lines) {
        int at = -1;
        for (int i = 0; i < lines; i++) {
            at = text.indexOf('\n', at + 1);
            if (at < 0) {
                return -1;
            }
        }
        return at;
    }

    /** Starts the replay once confirmed; nothing happens unless {@link #canStartBinding()} holds. */
    public void start() {
        if (!canStart.get()) {
            return;
        }
        step.set(Step.RUNNING);
        error.set("");
        progress.set(0);
        progressText.set("Starting…");
        var options = new ReplayOptions(rate.get(), concurrency.get(), force.get());
        Consumer<ReplayProgress> told = update -> {
            if (latest.getAndSet(update) == null) {
                ui.execute(this::showProgress);
            }
        };
        running = resuming != null ? service.resume(resuming.replayId(), options, told)
                : service.start(plan.get(), options, told);
        running.finished().whenComplete((ended, failure) -> ui.execute(() -> end(ended, failure)));
    }

    private void showProgress() {
        ReplayProgress now = latest.getAndSet(null);
        if (now == null || step.get() != Step.RUNNING) {
            return;
        }
        progress.set(now.fraction());
        paused.set(now.state() == ReplayProgress.State.PAUSED);
        progressText.set("%s of %s done: %s delivered, %s failed, %s waiting for the broker%s".formatted(
                Formats.count(now.ended()), Formats.count(now.total()), Formats.count(now.delivered()),
                Formats.count(now.failed()), Formats.count(now.inFlight()), switch (now.state()) {
                    case PAUSED -> " · paused";
                    case CANCELLING -> " · stopping";
                    default -> "";
                }));
    }

    private void end(ReplayReport ended, Throwable failure) {
        step.set(Step.ENDED);
        latest.set(null);
        paused.set(false);
        if (failure != null) {
            progress.set(0);
            error.set(sentence(failure));
            progressText.set("The replay did not start: nothing was sent.");
            return;
        }
        report.set(ended);
        progress.set(1);
        progressText.set((ended.cancelled() ? "Stopped: " : ended.complete() ? "Done: " : "Ended: ")
                + ended.summary() + ".");
        if (!ended.complete()) {
            error.set("Not every event reached " + (plan.get() == null ? "its target"
                    : String.join(", ", plan.get().targets())) + ". The journal of "
                    + "replay " + ended.replayId() + " keeps what was sent; resume it to send the rest exactly once.");
        }
        ended.unrecorded().ifPresent(why -> error.set((error.get().isEmpty() ? "" : error.get() + "\n")
                + "The audit log did not record this replay: " + why + " Note it by hand."));
    }

    public void pause() {
        if (running != null && step.get() == Step.RUNNING) {
            running.pause();
        }
    }

    public void resume() {
        if (running != null && step.get() == Step.RUNNING) {
            running.resume();
        }
    }

    public void cancel() {
        if (running != null && step.get() == Step.RUNNING) {
            running.cancel();
        }
    }

    /** Saves the plan for review; the outcome is said in the notes. */
    public void save(Path file) {
        ReplayPlan planned = plan.get();
        if (planned == null) {
            return;
        }
        service.save(planned, file).whenComplete((ignored, failure) -> ui.execute(() -> {
            if (failure != null) {
                error.set("The plan was not saved: " + sentence(failure));
            } else {
                notes.set((notes.get().isEmpty() ? "" : notes.get() + "\n") + "Plan saved to " + file + ".");
            }
        }));
    }

    private static String sentence(Throwable failure) {
        return Failures.sentence(failure instanceof CompletionException wrapped && wrapped.getCause() != null
                ? wrapped.getCause() : failure);
    }

    /** What the confirmation asks for on a production cluster; empty where a click confirms. */
    public String typeToConfirm() {
        return profile.production() ? profile.name() : "";
    }

    public String title() {
        return title;
    }

    public String cause() {
        return cause;
    }

    /** A resume sends its saved plan as it was: copy or move, and which events, are not chosen again. */
    public boolean choosesHow() {
        return resuming == null;
    }

    /** Send to another topic or exchange than the one each event came from. */
    public BooleanProperty sendElsewhereProperty() {
        return sendElsewhere;
    }

    /** The other topic (Kafka) or exchange (RabbitMQ; empty for the default exchange). */
    public StringProperty elsewhereProperty() {
        return elsewhere;
    }

    /** Kafka: partition by key instead of the original partition. */
    public BooleanProperty byKeyProperty() {
        return byKey;
    }

    /** RabbitMQ, sending elsewhere: the routing key; empty keeps each event's own. */
    public StringProperty routingKeyProperty() {
        return routingKey;
    }

    /** Changes to make on the way, one a line ({@link TransformLines}). */
    public StringProperty transformsProperty() {
        return transforms;
    }

    public boolean kafka() {
        return profile.kind() == BrokerKind.KAFKA;
    }

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step;
    }

    public ObjectProperty<ReplayMode> modeProperty() {
        return mode;
    }

    /** Events a second; 0 for no limit. */
    public DoubleProperty rateProperty() {
        return rate;
    }

    public IntegerProperty concurrencyProperty() {
        return concurrency;
    }

    /** Send events an earlier replay already delivered. */
    public BooleanProperty forceProperty() {
        return force;
    }

    public StringProperty typedNameProperty() {
        return typedName;
    }

    public ReadOnlyObjectProperty<ReplayPlan> planProperty() {
        return plan;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary;
    }

    public ReadOnlyStringProperty dryRunProperty() {
        return dryRun;
    }

    public ReadOnlyStringProperty notesProperty() {
        return notes;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText;
    }

    public BooleanProperty pausedProperty() {
        return paused;
    }

    public ReadOnlyObjectProperty<ReplayReport> reportProperty() {
        return report;
    }

    public BooleanBinding canStartBinding() {
        return canStart;
    }
}
