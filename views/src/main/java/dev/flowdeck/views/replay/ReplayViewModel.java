package dev.flowdeck.views.replay;

import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.core.broker.Failures;
import dev.flowdeck.core.deadletter.DeadLetterGroup;
import dev.flowdeck.replay.DryRun;
import dev.flowdeck.replay.ReplayMode;
import dev.flowdeck.replay.ReplayOptions;
import dev.flowdeck.replay.ReplayPlan;
import dev.flowdeck.replay.ReplayProgress;
import dev.flowdeck.replay.ReplayReport;
import dev.flowdeck.views.common.Formats;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
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
    private final Destination destination;
    private final DeadLetterGroup group;
    private final Executor ui;

    private final ObjectProperty<Step> step = new SimpleObjectProperty<>(Step.PLANNING);
    private final ObjectProperty<ReplayMode> mode = new SimpleObjectProperty<>(ReplayMode.COPY);
    private final DoubleProperty rate = new SimpleDoubleProperty(50);
    private final IntegerProperty concurrency = new SimpleIntegerProperty(ReplayOptions.DEFAULT_CONCURRENCY);
    private final BooleanProperty force = new SimpleBooleanProperty();
    private final StringProperty typedName = new SimpleStringProperty("");
    private final ObjectProperty<ReplayPlan> plan = new SimpleObjectProperty<>();
    private final StringProperty summary = new SimpleStringProperty("Reading the group's dead letters…");
    private final StringProperty dryRun = new SimpleStringProperty("");
    private final StringProperty notes = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final DoubleProperty progress = new SimpleDoubleProperty(-1);
    private final StringProperty progressText = new SimpleStringProperty("");
    private final BooleanProperty paused = new SimpleBooleanProperty();
    private final ObjectProperty<ReplayReport> report = new SimpleObjectProperty<>();
    private final BooleanBinding canStart;

    private final AtomicReference<ReplayProgress> latest = new AtomicReference<>();
    private StartedReplay running;

    /**
     * @param destination the dead-letter destination the group was read from
     * @param ui          runs on the FX thread ({@code Platform::runLater} in the app)
     */
    public ReplayViewModel(ReplayService service, ConnectionProfile profile, Destination destination,
                           DeadLetterGroup group, Executor ui) {
        this.service = service;
        this.profile = profile;
        this.destination = destination;
        this.group = group;
        this.ui = ui;
        // A production cluster's name must be typed: the one moment a tired operator reads what will happen.
        canStart = Bindings.createBooleanBinding(() -> step.get() == Step.REVIEW && plan.get() != null
                        && !plan.get().events().isEmpty() && !profile.readOnly()
                        && (!profile.production() || typedName.get().strip().equals(profile.name())),
                step, plan, typedName);
        mode.addListener((property, before, now) -> plan());
    }

    /** Plans the replay of the group; again whenever the mode changes before it starts. */
    public void plan() {
        if (step.get() == Step.RUNNING || step.get() == Step.ENDED) {
            return;
        }
        step.set(Step.PLANNING);
        plan.set(null);
        error.set("");
        summary.set("Reading " + destination.name() + " for the group's dead letters…");
        ReplayMode chosen = mode.get();
        service.plan(destination, group, chosen).whenComplete((proposed, failure) -> ui.execute(() -> {
            if (chosen != mode.get() || step.get() != Step.PLANNING) {
                return; // the mode changed while this plan was made: a newer one is on its way
            }
            if (failure != null) {
                error.set(sentence(failure));
                summary.set("No plan: nothing will be sent.");
                return;
            }
            review(proposed);
        }));
    }

    private void review(ProposedReplay proposed) {
        ReplayPlan planned = proposed.plan();
        DryRun preview = DryRun.of(planned);
        plan.set(planned);
        step.set(Step.REVIEW);
        notes.set(String.join("\n", proposed.notes()));
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
        running = service.start(plan.get(), options, update -> {
            if (latest.getAndSet(update) == null) {
                ui.execute(this::showProgress);
            }
        });
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
            error.set("Not every event reached " + String.join(", ", plan.get().targets()) + ". The journal of "
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
        return "Replay " + Formats.count(group.count()) + " dead letters of " + destination.name();
    }

    public String cause() {
        return group.fingerprint() == null ? "" : group.fingerprint().spoken();
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
