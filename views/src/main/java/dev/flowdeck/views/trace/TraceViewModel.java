package dev.flowdeck.views.trace;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.core.broker.Failures;
import dev.flowdeck.core.broker.QueueSummary;
import dev.flowdeck.core.broker.TopicSummary;
import dev.flowdeck.core.mask.MaskedChains;
import dev.flowdeck.core.trace.Chain;
import dev.flowdeck.core.trace.ChainEvent;
import dev.flowdeck.core.trace.ChainIndex;
import dev.flowdeck.core.trace.CorrelationKeys;
import dev.flowdeck.core.trace.FlowGraph;
import dev.flowdeck.core.trace.IndexOutcome;
import dev.flowdeck.core.trace.IndexProgress;
import dev.flowdeck.core.trace.IndexWindow;
import dev.flowdeck.core.trace.Indexer;
import dev.flowdeck.core.trace.StopPoint;
import dev.flowdeck.views.common.Formats;
import dev.flowdeck.views.mask.ProfileMasking;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One cluster's traced event chains: an index built on demand over chosen destinations and a span of time, a search
 * by trace id or business key, the chain found (its events, stop point and dead letters), the flow learned from the
 * whole index, and a link to the operator's tracing UI.
 *
 * <p>Every method runs on the FX thread. Indexing runs on {@code indexing} (one of its threads for the whole run);
 * progress reaches the UI coalesced, at most one update waiting at a time however fast batches come, and the index
 * is handed over with the outcome, its flow graph already learned off the FX thread. Lookups then run here: they
 * cost the chain's length, not the index's size (decision 0017).
 */
public final class TraceViewModel {

    /** The profile property holding the tracing UI's URL, with {@code {traceId}} where the id goes. */
    public static final String URL_TEMPLATE = "flowdeck.trace.url-template";
    /** The profile property holding the correlation keys, as {@link CorrelationKeys#parse} reads them. */
    public static final String CORRELATION_KEYS = "flowdeck.trace.correlation-keys";

    private final BrokerConnection connection;
    private final Executor ui;
    private final Executor indexing;
    private final Clock clock;
    private final Indexer indexer;
    private final int capacity;
    private final CorrelationKeys keys;
    private final Optional<String> urlTemplate;
    private final List<String> profileNotes = new ArrayList<>();

    private final StringProperty destinations = new SimpleStringProperty("");
    private final ObjectProperty<IndexSpan> span = new SimpleObjectProperty<>(IndexSpan.LAST_HOUR);
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty progressText = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("Nothing indexed yet: index a window to search it.");
    private final StringProperty notes = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty query = new SimpleStringProperty("");
    private final ObjectProperty<Chain> chain = new SimpleObjectProperty<>();
    private final ObservableList<ChainEvent> events = FXCollections.observableArrayList();
    private final ObservableList<ChainEvent> readOnlyEvents = FXCollections.unmodifiableObservableList(events);
    private final ObjectProperty<StopPoint> stop = new SimpleObjectProperty<>();
    private final ObjectProperty<FlowGraph> graph = new SimpleObjectProperty<>();
    private final StringProperty traceUrl = new SimpleStringProperty("");

    private final AtomicReference<IndexProgress> latestProgress = new AtomicReference<>();
    private ChainIndex index;
    /** What a shown chain's header-borne values (trace id, dead-letter reason) go through (decision 0022). */
    private ProfileMasking masking = ProfileMasking.NONE;
    private Indexer.Run run;
    private boolean cancelRequested;
    private int generation;

    /**
     * @param ui       runs on the FX thread ({@code Platform::runLater} in the app)
     * @param indexing where a run indexes; in the app, the broker I/O pool
     * @param capacity how many events an index holds at most
     */
    public TraceViewModel(BrokerConnection connection, ConnectionProfile profile, Executor ui, Executor indexing,
                          Clock clock, int capacity) {
        this.connection = connection;
        this.ui = ui;
        this.indexing = indexing;
        this.clock = clock;
        this.capacity = capacity;
        this.indexer = new Indexer(connection, indexing);
        this.keys = correlationKeys(profile.clientProperties().get(CORRELATION_KEYS));
        this.urlTemplate = Optional.ofNullable(profile.clientProperties().get(URL_TEMPLATE))
                .map(String::strip).filter(template -> !template.isEmpty());
    }

    public TraceViewModel(BrokerConnection connection, ConnectionProfile profile, Executor ui, Executor indexing,
                          Clock clock) {
        this(connection, profile, ui, indexing, clock, ChainIndex.DEFAULT_CAPACITY);
    }

    private CorrelationKeys correlationKeys(String line) {
        if (line == null || line.isBlank()) {
            return CorrelationKeys.DEFAULTS;
        }
        try {
            return CorrelationKeys.parse(line);
        } catch (IllegalArgumentException invalid) {
            // A typo in the profile must not cost the operator the traces: the defaults still join most chains.
            profileNotes.add("The profile's correlation keys do not parse (" + invalid.getMessage()
                    + "): the defaults are used.");
            return CorrelationKeys.DEFAULTS;
        }
    }

    /**
     * Builds a fresh index over the chosen destinations (every topic, or every queue that browses without side
     * effects, when none are named) and the chosen span. The previous index stays searchable until this one is done.
     */
    public void index() {
        if (running.get()) {
            return;
        }
        int mine = ++generation;
        cancelRequested = false;
        running.set(true);
        error.set("");
        notes.set("");
        progress.set(-1);
        progressText.set("");
        Instant now = clock.instant();
        List<String> named = named();
        status.set(named.isEmpty() ? "Listing destinations…" : "Indexing…");
        CompletionStage<List<String>> chosen = named.isEmpty()
                ? connection.listDestinations().thenApply(TraceViewModel::indexable)
                : CompletableFuture.completedFuture(named);
        chosen.whenComplete((list, failure) -> ui.execute(() -> begin(mine, list, failure, now)));
    }

    private List<String> named() {
        return Arrays.stream(destinations.get().split(",")).map(String::strip).filter(name -> !name.isEmpty())
                .distinct().toList();
    }

    /**
     * What "all" means: every topic but Kafka's own, and only the queues a browse leaves as they were (streams).
     * Indexing a classic queue holds and requeues every message, which the operator must ask for by name.
     */
    static List<String> indexable(List<Destination> listed) {
        return listed.stream().filter(destination -> switch (destination) {
            case TopicSummary topic -> !topic.name().startsWith("__");
            case QueueSummary queue -> queue.type().browsesWithoutSideEffects();
            default -> false;
        }).map(Destination::name).toList();
    }

    private void begin(int mine, List<String> chosen, Throwable failure, Instant now) {
        if (mine != generation) {
            return;
        }
        if (failure != null || chosen.isEmpty() || cancelRequested) {
            running.set(false);
            progress.set(0);
            if (failure != null) {
                error.set(Failures.sentence(failure));
            } else if (chosen.isEmpty()) {
                error.set("Nothing to index: name the topics or queues to read.");
            }
            status.set(index == null ? "Nothing indexed." : status.get());
            return;
        }
        var window = new IndexWindow(chosen, span.get().from(now), Optional.empty());
        var fresh = new ChainIndex(keys, capacity);
        status.set("Indexing " + chosen.size() + (chosen.size() == 1 ? " destination" : " destinations") + ", "
                + span.get().toString().toLowerCase(java.util.Locale.ROOT) + "…");
        run = indexer.start(window, fresh, this::progressed);
        // The graph is learned where the index was filled (a second or so for a million events), not on the FX
        // thread; the index changes hands only once the run is over.
        run.outcome().thenApplyAsync(outcome -> new Built(fresh, outcome, fresh.flowGraph(), chosen.size()), indexing)
                .whenComplete((built, failed) -> ui.execute(() -> finish(mine, built, failed)));
    }

    private record Built(ChainIndex index, IndexOutcome outcome, FlowGraph graph, int destinations) {
    }

    /** On the indexing thread: keeps only the newest progress and posts at most one update at a time. */
    private void progressed(IndexProgress update) {
        if (latestProgress.getAndSet(update) == null) {
            ui.execute(this::showProgress);
        }
    }

    private void showProgress() {
        IndexProgress now = latestProgress.getAndSet(null);
        if (now == null || !running.get()) {
            return;
        }
        // Several destinations are read at once: the bar counts those read to their end.
        progress.set(now.destinations() == 0 ? -1 : (double) now.done() / now.destinations());
        progressText.set("%s (%d of %d): %s messages read, %s events indexed".formatted(now.destination(),
                now.number(), now.destinations(), Formats.count(now.scanned()), Formats.count(now.indexed())));
    }

    private void finish(int mine, Built built, Throwable failure) {
        if (mine != generation) {
            return;
        }
        running.set(false);
        run = null;
        latestProgress.set(null);
        progress.set(failure == null ? 1 : 0);
        progressText.set("");
        if (failure != null) {
            error.set(Failures.sentence(failure instanceof java.util.concurrent.CompletionException wrapped
                    && wrapped.getCause() != null ? wrapped.getCause() : failure));
            status.set(index == null ? "Nothing indexed." : "The previous index is still searchable.");
            return;
        }
        index = built.index();
        graph.set(built.graph());
        IndexOutcome outcome = built.outcome();
        status.set("Indexed %s events from %s messages in %d of %d destinations%s.".formatted(
                Formats.count(outcome.indexed()), Formats.count(outcome.scanned()), outcome.completed(),
                built.destinations(),
                outcome.cancelled() ? " (stopped: the index keeps what was read)" : ""));
        List<String> said = new ArrayList<>(profileNotes);
        said.addAll(outcome.notes());
        said.add(index.tally().summary());
        notes.set(String.join(" ", said.stream().filter(note -> !note.isBlank()).toList()));
        if (!query.get().isBlank()) {
            search(query.get());
        }
    }

    /** Stops indexing: what was read so far becomes the index. */
    public void cancel() {
        cancelRequested = true;
        if (run != null) {
            run.cancel();
        }
    }

    /**
     * Finds the chain of a trace id, else of a correlation key. With no index yet, one is built first (the chosen
     * span, all destinations) and the search runs when it is done: following a trace link just works.
     */
    public void search(String text) {
        String wanted = text == null ? "" : text.strip();
        query.set(wanted);
        if (wanted.isEmpty()) {
            show(Optional.empty());
            return;
        }
        if (index == null) {
            if (!running.get()) {
                index();
            }
            status.set("Indexing first; then looking for " + wanted + "…");
            return;
        }
        Optional<Chain> found = index.byTraceId(wanted).or(() -> index.byKey(wanted));
        show(found);
        status.set(found.map(TraceViewModel::summary).orElse("No chain for " + wanted + " in the index ("
                + Formats.count(index.size()) + " events): check the span and the destinations indexed."));
    }

    /** The profile's masking for the chains shown (set by the window). */
    public void useMasking(ProfileMasking profileMasking) {
        this.masking = profileMasking;
    }

    private void show(Optional<Chain> found) {
        // Found by the raw index; shown with its trace id and reasons as the profile's header rules show them.
        Optional<Chain> shown = found.map(raw -> MaskedChains.apply(masking.masking(), raw));
        chain.set(shown.orElse(null));
        events.setAll(shown.map(Chain::events).orElse(List.of()));
        stop.set(found.flatMap(c -> graph.get() == null ? Optional.empty() : graph.get().stopOf(c, index.newest()))
                .orElse(null));
        // A masked trace id is not handed to a tracing UI's link either: the link would carry the raw id.
        boolean idShown = shown.flatMap(Chain::traceId).equals(found.flatMap(Chain::traceId));
        traceUrl.set(idShown ? found.flatMap(Chain::traceId).flatMap(id -> expand(urlTemplate, id)).orElse("") : "");
    }

    private static String summary(Chain found) {
        long destinations = found.path().stream().distinct().count();
        int dead = found.deadLetters().size();
        return "%d events in %d destinations over %s%s.".formatted(found.events().size(), destinations,
                Formats.duration(found.span()), dead == 0 ? "" : ", " + dead + " dead-lettered");
    }

    /** The tracing UI's address for a trace; empty without a template, so the link is hidden. */
    static Optional<String> expand(Optional<String> template, String traceId) {
        return template.map(t -> t.replace("{traceId}", traceId));
    }

    /** Says what the view did on the model's behalf (opened an event in the browser, say) in the status line. */
    public void tell(String text) {
        status.set(text);
    }

    /** Comma-separated topics or queues to index; empty for all (see {@link #indexable}). */
    public StringProperty destinationsProperty() {
        return destinations;
    }

    public ObjectProperty<IndexSpan> spanProperty() {
        return span;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running;
    }

    /** 0 to 1 by destinations done; -1 while not known (listing, or the first batch). */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    /** What the operator should know about the last index: connectors' notes, a full index, trace context found. */
    public ReadOnlyStringProperty notesProperty() {
        return notes;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error;
    }

    public ReadOnlyStringProperty queryProperty() {
        return query;
    }

    /** The chain found; null when the last search found none. */
    public ReadOnlyObjectProperty<Chain> chainProperty() {
        return chain;
    }

    public ObservableList<ChainEvent> events() {
        return readOnlyEvents;
    }

    /** Where the chain found stopped short of the usual flow; null when it did not. */
    public ReadOnlyObjectProperty<StopPoint> stopProperty() {
        return stop;
    }

    /** The flow learned from the last index; null before the first. */
    public ReadOnlyObjectProperty<FlowGraph> graphProperty() {
        return graph;
    }

    /** The chain's trace in the operator's tracing UI; empty (the link hidden) without a template or a trace id. */
    public ReadOnlyStringProperty traceUrlProperty() {
        return traceUrl;
    }

    /** Whether an index has been built: for the view's empty states. */
    public boolean indexed() {
        return index != null;
    }
}
