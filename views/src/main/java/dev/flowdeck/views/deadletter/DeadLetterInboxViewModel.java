package dev.flowdeck.views.deadletter;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.core.broker.Failures;
import dev.flowdeck.core.deadletter.DeadLetterDecoder;
import dev.flowdeck.core.deadletter.DeadLetterDestinations;
import dev.flowdeck.core.deadletter.DeadLetterGroup;
import dev.flowdeck.core.deadletter.DeadLetterScan;
import dev.flowdeck.core.mask.MaskedCauses;
import dev.flowdeck.views.common.Formats;
import dev.flowdeck.views.common.ListReconciler;
import dev.flowdeck.views.mask.ProfileMasking;
import dev.flowdeck.views.replay.ReplayService;
import dev.flowdeck.views.replay.ReplayViewModel;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * One cluster's dead-letter inbox: the destinations that hold dead letters (by name, as dead-letter-exchange targets
 * or marked by hand), the chosen one's dead letters grouped by cause, a group's letters and the one selected.
 *
 * <p>Every method runs on the FX thread. Listing and scanning go through the connection, whose stages and browse
 * signals complete on the connector's threads; decoding and grouping happen there too ({@link DeadLetterScan}), and
 * progress reaches the FX thread coalesced: at most one update waits, however fast batches come.
 */
public final class DeadLetterInboxViewModel {

    private final BrokerConnection connection;
    private final ConnectionProfile profile;
    private final Executor ui;
    private final DeadLetterDecoder decoder;
    private final int keep;
    private final ReplayService replays;
    private ProfileMasking masking = ProfileMasking.NONE;
    /** The shown cause of each group of the current scan, read from its first letter's masked headers. */
    private MaskedCauses causes;

    private final ObservableList<InboxDestination> destinations = FXCollections.observableArrayList();
    private final ObjectProperty<InboxDestination> selectedDestination = new SimpleObjectProperty<>();
    private final ObservableList<DeadLetterGroup> groups = FXCollections.observableArrayList();
    private final ObjectProperty<DeadLetterGroup> selectedGroup = new SimpleObjectProperty<>();
    private final ObservableList<DeadLetterScan.Letter> letters = FXCollections.observableArrayList();
    /** Each listed letter's failure text as shown; a letter leaves it when it leaves the list. FX thread only. */
    private final Map<DeadLetterScan.Letter, String> failureTexts = new IdentityHashMap<>();
    private final ObjectProperty<DeadLetterScan.Letter> selectedLetter = new SimpleObjectProperty<>();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty status = new SimpleStringProperty("Looking for dead-letter destinations…");
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty notes = new SimpleStringProperty("");

    private final AtomicReference<DeadLetterScan.Progress> latest = new AtomicReference<>();
    private List<DeadLetterScan.Letter> kept = List.of();
    private DeadLetterScan scan;
    private int generation;
    private boolean listing;

    /**
     * @param ui   runs on the FX thread ({@code Platform::runLater} in the app)
     * @param replays replays a group through the engine the app wired to this cluster
     * @param keep the most dead letters listed per scan; every one is still counted in its group
     */
    public DeadLetterInboxViewModel(BrokerConnection connection, ConnectionProfile profile, Executor ui,
                                    ReplayService replays, int keep) {
        this.connection = connection;
        this.profile = profile;
        this.ui = ui;
        this.replays = replays;
        this.keep = keep;
        this.decoder = DeadLetterDecoder.forProfile(profile);
        this.causes = new MaskedCauses(masking.masking(), decoder);
        // A refresh replaces the selected row with a fresher count: only another destination is read anew.
        selectedDestination.addListener((property, before, now) -> {
            if (before == null || now == null || !before.name().equals(now.name())) {
                scan();
            }
        });
        selectedGroup.subscribe(this::showLetters);
        letters.addListener((ListChangeListener<DeadLetterScan.Letter>) change -> {
            while (change.next()) {
                change.getRemoved().forEach(failureTexts::remove);
            }
        });
    }

    public DeadLetterInboxViewModel(BrokerConnection connection, ConnectionProfile profile, Executor ui,
                                    ReplayService replays) {
        this(connection, profile, ui, replays, DeadLetterScan.DEFAULT_KEEP);
    }

    /** The profile's masking for what the detail pane shows (set by the window). */
    public void useMasking(ProfileMasking profileMasking) {
        this.masking = profileMasking;
        // Until the next scan sees the groups' first letters again, causes show as the fallback allows.
        this.causes = new MaskedCauses(profileMasking.masking(), decoder);
        failureTexts.clear();
    }

    /**
     * The dead letter as the operator may see it: headers and value masked, and what its (masked) headers say of
     * the failure. Its group stays the one its raw headers gave: grouping, like a filter, reads what was read.
     */
    public DeadLetterScan.Letter shown(DeadLetterScan.Letter letter) {
        if (!masking.active()) {
            return letter;
        }
        var masked = masking.apply(letter.message()).message();
        return new DeadLetterScan.Letter(masked, decoder.decode(masked), letter.groupId());
    }

    /** A group's cause as the operator may read it (the groups table, the replay dialog). */
    public String cause(DeadLetterGroup group) {
        return causes.of(group);
    }

    /**
     * A letter's failure message (else its reason) as the operator may read it: the letters table. Worked out once
     * per listed letter (decoding and masking its headers), not each time the table lays the cell out; FX thread.
     */
    public String failureText(DeadLetterScan.Letter letter) {
        return failureTexts.computeIfAbsent(letter, listed -> {
            var failure = causes.failure(listed.message());
            return failure.message().or(failure::reason).orElse("");
        });
    }

    /** What replays, and the audit log they are recorded in, go through. */
    public ReplayService replays() {
        return replays;
    }

    /** The FX thread's executor, for dialogs opened from the inbox. */
    public Executor ui() {
        return ui;
    }

    /**
     * The replay of the selected group, to open in its dialog; empty without one (or for the "other" bucket, whose
     * letters have many causes: they are replayed after a rescan puts them in groups of their own).
     */
    public Optional<ReplayViewModel> replaySelectedGroup() {
        DeadLetterGroup group = selectedGroup.get();
        InboxDestination chosen = selectedDestination.get();
        if (group == null || group.isOther() || chosen == null) {
            return Optional.empty();
        }
        return Optional.of(new ReplayViewModel(replays, profile, chosen.destination(), group, ui)
                .showingWith(masking, cause(group)));
    }

    /**
     * Lists the dead-letter destinations and reads the chosen one again (the fullest, when none is chosen yet): what
     * the operator expects on coming back to the inbox, since dead letters arrive all the time.
     */
    public void refresh() {
        if (listing) {
            return;
        }
        listing = true;
        connection.listDestinations().whenComplete((listed, failure) -> ui.execute(() -> {
            listing = false;
            if (failure != null) {
                error.set(Failures.sentence(unwrap(failure)));
                return;
            }
            var picked = DeadLetterDestinations.pick(listed, DeadLetterDestinations.markedIn(
                    profile.clientProperties())).stream().map(InboxDestination::of).toList();
            ListReconciler.reconcile(destinations, picked, InboxDestination::name);
            if (picked.isEmpty()) {
                status.set("No dead-letter destinations on " + profile.name() + ": no topic or queue is named like "
                        + "one (.DLT, -dlq, error.…), none is a dead-letter exchange's target, none is marked.");
            } else if (selectedDestination.get() == null) {
                // The fullest is what the operator came for; reading it at once saves the first click.
                selectedDestination.set(picked.stream()
                        .max(Comparator.comparingLong(InboxDestination::messages)).orElseThrow());
            } else if (!running.get()) {
                scan();
            }
        }));
    }

    /** Reads the chosen destination from its beginning; a scan already running is stopped first. */
    public void scan() {
        stopScan();
        int mine = ++generation;
        groups.clear();
        kept = List.of();
        letters.clear();
        selectedGroup.set(null);
        error.set("");
        notes.set("");
        InboxDestination chosen = selectedDestination.get();
        if (chosen == null) {
            running.set(false);
            return;
        }
        running.set(true);
        progress.set(-1);
        status.set("Reading " + chosen.name() + "…");
        MaskedCauses seen = new MaskedCauses(masking.masking(), decoder);
        causes = seen;
        // Every letter passes here on the reading thread: the first of each group gives the group's shown cause.
        scan = DeadLetterScan.start(connection, chosen.name(), decoder, keep, letter -> {
            seen.see(letter);
            return true;
        }, update -> {
            if (latest.getAndSet(update) == null) {
                ui.execute(() -> showProgress(mine));
            }
        });
        scan.outcome().whenComplete((outcome, failure) -> ui.execute(() -> finish(mine, chosen, outcome, failure)));
    }

    /** Stops the scan; what was read stays listed. */
    public void cancel() {
        if (scan != null) {
            scan.cancel();
        }
    }

    private void stopScan() {
        if (scan != null) {
            scan.cancel();
            scan = null;
        }
        latest.set(null);
    }

    private void showProgress(int mine) {
        DeadLetterScan.Progress now = latest.getAndSet(null);
        if (now == null || mine != generation || !running.get()) {
            return;
        }
        progress.set(now.scan().fraction());
        reconcileGroups(now.groups());
        status.set("Reading " + selectedDestination.get().name() + ": " + Formats.count(now.scan().scanned())
                + " of " + (now.scan().total() < 0 ? "?" : Formats.count(now.scan().total())) + " read");
    }

    private void finish(int mine, InboxDestination chosen, DeadLetterScan.Outcome outcome, Throwable failure) {
        if (mine != generation) {
            return;
        }
        running.set(false);
        scan = null;
        latest.set(null);
        if (failure != null) {
            progress.set(0);
            error.set(Failures.sentence(unwrap(failure)));
            status.set(chosen.name() + " could not be read to its end.");
            return;
        }
        progress.set(1);
        reconcileGroups(outcome.groups());
        kept = outcome.kept();
        if (selectedGroup.get() == null && !groups.isEmpty()) {
            // The biggest cause is what the operator came to fix: chosen, so its letters show and Replay is ready.
            selectedGroup.set(groups.getFirst());
        }
        showLetters(selectedGroup.get());
        notes.set(String.join("\n", outcome.notes()));
        if (outcome.total() == 0) {
            status.set(outcome.cancelled() ? "Stopped before any dead letter was read."
                    : "No dead letters in " + chosen.name() + ": all clear.");
        } else {
            status.set("%s dead letters in %s, %s %s%s.".formatted(Formats.count(outcome.total()), chosen.name(),
                    Formats.count(outcome.groups().size()), outcome.groups().size() == 1 ? "cause" : "causes",
                    outcome.cancelled() ? " (stopped before the end)" : ""));
        }
    }

    private void reconcileGroups(List<DeadLetterGroup> fresh) {
        ListReconciler.reconcile(groups, fresh, DeadLetterGroup::id);
    }

    private void showLetters(DeadLetterGroup group) {
        letters.setAll(group == null ? kept
                : kept.stream().filter(letter -> letter.groupId().equals(group.id())).toList());
        if (!letters.contains(selectedLetter.get())) {
            selectedLetter.set(letters.isEmpty() ? null : letters.getFirst());
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException wrapped && wrapped.getCause() != null
                ? wrapped.getCause() : failure;
    }

    public ObservableList<InboxDestination> destinations() {
        return FXCollections.unmodifiableObservableList(destinations);
    }

    public ObjectProperty<InboxDestination> selectedDestinationProperty() {
        return selectedDestination;
    }

    /** Largest first, the "other" bucket last. */
    public ObservableList<DeadLetterGroup> groups() {
        return FXCollections.unmodifiableObservableList(groups);
    }

    public ObjectProperty<DeadLetterGroup> selectedGroupProperty() {
        return selectedGroup;
    }

    /** The kept letters of the selected group, or all kept letters when none is selected. */
    public ObservableList<DeadLetterScan.Letter> letters() {
        return FXCollections.unmodifiableObservableList(letters);
    }

    public ObjectProperty<DeadLetterScan.Letter> selectedLetterProperty() {
        return selectedLetter;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running;
    }

    /** 0 to 1, or -1 while the total is unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error;
    }

    public ReadOnlyStringProperty notesProperty() {
        return notes;
    }

    public ConnectionProfile profile() {
        return profile;
    }

    /**
     * A dead-letter destination as the inbox lists it.
     *
     * @param why every reason it was picked, in words
     */
    public record InboxDestination(Destination destination, String why) {
        public InboxDestination {
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(why, "why");
        }

        static InboxDestination of(DeadLetterDestinations.Picked picked) {
            return new InboxDestination(picked.destination(), String.join("; ",
                    picked.reasons().stream().map(DeadLetterDestinations.Reason::explanation).toList()));
        }

        public String name() {
            return destination.name();
        }

        /** Messages held when it was listed. */
        public long messages() {
            return destination.messageCount();
        }
    }
}
