package dev.flowdeck.views.browser;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.Failures;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.KeptMessage;
import dev.flowdeck.core.browse.MessageBatch;
import dev.flowdeck.core.browse.MessageFetch;
import dev.flowdeck.core.browse.PartitionOffsets;
import dev.flowdeck.core.browse.RowFeed;
import dev.flowdeck.core.browse.RowWindow;
import dev.flowdeck.core.browse.ScanProgress;
import dev.flowdeck.core.browse.ScanTally;
import dev.flowdeck.core.decode.DecodedValue;
import dev.flowdeck.core.decode.SchemaAccess;
import dev.flowdeck.core.decode.ValueDecoder;
import dev.flowdeck.core.mask.MaskSuggestions;
import dev.flowdeck.core.mask.MaskedField;
import dev.flowdeck.core.publish.OutgoingMessage;
import dev.flowdeck.core.publish.PublishReceipt;
import dev.flowdeck.views.common.Formats;
import dev.flowdeck.views.mask.ProfileMasking;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * One destination's browser: the scan the operator asked for, streamed into a bounded list of rows.
 *
 * <p>Threads: the connector reads and filters on its own thread and hands batches to {@link Scan#onNext}, which
 * only cuts payloads and queues rows ({@link RowFeed}). Every 100 ms at most, one drain runs on the UI executor and
 * applies what arrived since the last one: one list change and one progress update per drain, however fast the
 * scan reads. Properties and the row list are touched only on the UI executor.
 */
public final class BrowserViewModel {

    /** Rows kept per scan: enough to scroll through, small enough that ten tabs of them fit in any heap. */
    public static final int ROW_CAP = 10_000;
    /** Kafka and streams can fetch a cut value again, so rows keep little of it. */
    static final int SEEKABLE_BUDGET = 4 * 1024;
    /** A queue cannot be read again by position: keep more of each message (at most 320 MiB for a full tab). */
    static final int QUEUE_BUDGET = 16 * 1024;
    /** A cut value up to this size is fetched whole as soon as its row is selected; a larger one on request. */
    static final int AUTO_FETCH_BYTES = 1024 * 1024;
    private static final Duration DRAIN_EVERY = Duration.ofMillis(100);
    /** Rows one drain adds at most (measured: 1,000 held the FX thread 34 ms); more wait a pulse (16 ms). */
    static final int DRAIN_ROWS = 250;
    private static final Duration NEXT_SLICE = Duration.ofMillis(16);
    /** Rows a masking suggestion looks at: enough to see every field a topic's events carry. */
    static final int SUGGESTION_SAMPLE = 500;

    private final BrokerConnection connection;
    private final String destination;
    private final boolean seekable;
    private final Executor ui;
    private final Executor background;
    private final ScheduledExecutorService timer;
    private final Clock clock;

    private final ScanForm form = new ScanForm();
    private final ObservableList<KeptMessage> rows = FXCollections.observableArrayList();
    private final ObjectProperty<ScanProgress> progress = new SimpleObjectProperty<>(ScanProgress.NONE);
    private final BooleanProperty scanning = new SimpleBooleanProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty notes = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final ObservableList<PartitionRow> partitions = FXCollections.observableArrayList();
    private final StringProperty partitionsError = new SimpleStringProperty("");
    private final ObjectProperty<KeptMessage> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<MessageInspection> inspection = new SimpleObjectProperty<>();
    private final Map<Integer, Sample> lastSample = new HashMap<>();
    /**
     * Each listed row as drawn, masked once: the table asks for a row's cells whenever it lays them out (scrolling,
     * sorting), and masking a value means reading it. FX thread only; a row leaves it when it leaves the list.
     */
    private final Map<KeptMessage, KeptMessage> drawn = new IdentityHashMap<>();

    private record Sample(long high, long millis) {
    }

    private final ScanExport export;
    /** Applied to rows as they are drawn, copied, exported and inspected; never to the scan or its filter. */
    private volatile ProfileMasking masking = ProfileMasking.NONE;
    /** The connection's schemas: how this topic is read, the registry's versions, produce's encoding. */
    private volatile SchemaAccess schemas = SchemaAccess.NONE;
    private final StringProperty decodeAs = new SimpleStringProperty("auto");
    private final StringProperty decodeStatus = new SimpleStringProperty("");
    private final LongProperty unmatched = new SimpleLongProperty();
    private Scan current;
    private BrowseRequest lastRequest;

    /**
     * @param connection  the cluster's open connection
     * @param destination the topic or queue browsed
     * @param seekable    whether a message can be read again by its offset (Kafka, a RabbitMQ stream)
     * @param ui          runs on the UI thread ({@code Platform::runLater} in the app)
     * @param background  decodes messages for the detail pane
     * @param timer       paces the drains
     * @param clock       "now" for times typed as ages (15m), and the time between two partition readings
     */
    public BrowserViewModel(BrokerConnection connection, String destination, boolean seekable, Executor ui,
                            Executor background, ScheduledExecutorService timer, Clock clock) {
        this.connection = connection;
        this.destination = destination;
        this.seekable = seekable;
        this.ui = ui;
        this.background = background;
        this.timer = timer;
        this.clock = clock;
        this.export = new ScanExport(connection, ui, background, this::whole, () -> masking.masking());
        rows.addListener((ListChangeListener<KeptMessage>) change -> {
            while (change.next()) {
                change.getRemoved().forEach(drawn::remove);
            }
        });
        selected.subscribe(row -> inspect(row, row != null && row.truncated() && seekable
                && row.valueBytes() <= AUTO_FETCH_BYTES));
    }

    /** Starts the scan the form describes, replacing any running one. A form that does not parse says why. */
    public void start() {
        BrowseRequest request;
        try {
            request = form.toRequest(destination, clock.instant());
        } catch (IllegalArgumentException invalid) {
            error.set(invalid.getMessage()); // a running scan goes on: the operator may fix the field
            return;
        }
        stopCurrent();
        lastRequest = request;
        rows.clear();
        error.set("");
        notes.set("");
        progress.set(ScanProgress.NONE);
        unmatched.set(0);
        scanning.set(true);
        status.set("Scanning " + destination + "…");
        var keep = request.follow() ? RowWindow.Keep.NEWEST : RowWindow.Keep.FIRST;
        current = new Scan(request, new RowFeed<>(new RowWindow(ROW_CAP, keep)), form.filtered());
        connection.browse(request).subscribe(current);
    }

    /** Stops the running scan at once; the rows found so far stay. */
    public void cancel() {
        Scan scan = current;
        if (scan == null || !scanning.get()) {
            return;
        }
        scan.stop();
        scan.drain();
        status.set("Stopped. " + scan.summary());
        scanning.set(false);
    }

    private void stopCurrent() {
        if (current != null) {
            current.stop();
            current = null;
        }
    }

    /** Ends the browser: its scan and any export stop, and no drain touches the view again. */
    public void close() {
        stopCurrent();
        export.cancel();
        scanning.set(false);
    }

    /** Reads each partition's range again; the rate comes from the change since the previous reading. */
    public void refreshPartitions() {
        connection.partitionOffsets(destination).whenComplete((ranges, failure) -> ui.execute(() -> {
            if (failure != null) {
                partitionsError.set(Failures.sentence(failure));
                return;
            }
            partitionsError.set("");
            long now = clock.millis();
            var fresh = new ArrayList<PartitionRow>();
            for (PartitionOffsets range : ranges) {
                Sample before = lastSample.put(range.partition(), new Sample(range.high(), now));
                double rate = before == null || now == before.millis() ? -1
                        : (range.high() - before.high()) * 1e3 / (now - before.millis());
                fresh.add(new PartitionRow(range.partition(), range.low(), range.high(), Math.max(-1, rate)));
            }
            partitions.setAll(fresh);
        }));
    }

    /**
     * The whole message behind a row whose value was cut: read again by its offset where the broker can; a queue
     * message cannot be, and comes back as kept.
     */
    public CompletionStage<KeptMessage> whole(KeptMessage row) {
        if (!row.truncated() || !seekable) {
            return CompletableFuture.completedFuture(row);
        }
        BrowsedMessage cut = row.message();
        return MessageFetch.at(connection, destination, cut.partition(), cut.offset())
                .thenApply(found -> found.map(message -> KeptMessage.of(message, Integer.MAX_VALUE)).orElse(row));
    }

    /**
     * The text of these rows for the clipboard, one per line, built off the UI thread: each cut value is read again
     * whole, one after the other (never one consumer per row at once); a row that cannot be says so in its line.
     */
    public CompletionStage<String> copyText(List<KeptMessage> selection, Function<KeptMessage, String> part) {
        return CompletableFuture.supplyAsync(() -> {
            var lines = new StringJoiner("\n");
            for (KeptMessage row : selection) {
                try {
                    lines.add(part.apply(masked(whole(row).toCompletableFuture().join())));
                } catch (CompletionException unreadable) {
                    lines.add("(could not be read again: " + Failures.sentence(unreadable) + ")");
                }
            }
            return lines.toString();
        }, background);
    }

    /** The row as the operator may see it: the profile's masking applied, sizes as read. */
    public KeptMessage masked(KeptMessage row) {
        if (!masking.active()) {
            return row;
        }
        return new KeptMessage(masking.apply(row.message()).message(), row.keyBytes(), row.valueBytes());
    }

    /** A listed row as the table draws it: {@link #masked}, worked out once per row while it is listed. */
    public KeptMessage drawn(KeptMessage row) {
        if (!masking.active()) {
            return row;
        }
        return drawn.computeIfAbsent(row, this::masked);
    }

    /**
     * The profile's masking for this browser (set by the window from the cluster's profile, before the first scan).
     * A row already inspected is inspected again under it.
     */
    public void useMasking(ProfileMasking profileMasking) {
        this.masking = profileMasking;
        drawn.clear();
        KeptMessage row = selected.get();
        if (row != null) {
            inspect(row, false);
        }
    }

    public ProfileMasking masking() {
        return masking;
    }

    /** The connection's schemas (set by the window before the first scan): "Decode as", versions, encoding. */
    public void useSchemas(SchemaAccess access) {
        this.schemas = Objects.requireNonNull(access, "access");
        decodeAs.set(access.formatOf(destination));
    }

    public SchemaAccess schemas() {
        return schemas;
    }

    /** Whether this destination's values can be read another way (a Kafka topic of a connection with schemas). */
    public boolean decodable() {
        return schemas != SchemaAccess.NONE;
    }

    /** How the topic is read, as the profile stores it: {@code auto}, {@code avro}, {@code protobuf:shop.Payment}... */
    public ReadOnlyStringProperty decodeAsProperty() {
        return decodeAs;
    }

    /** What the last "Decode as" did, or why it could not; empty before any. */
    public ReadOnlyStringProperty decodeStatusProperty() {
        return decodeStatus;
    }

    /** Values of the running scan's rows that could not be read through their schema or do not match it. */
    public ReadOnlyLongProperty unmatchedProperty() {
        return unmatched;
    }

    /**
     * Reads this topic as {@code format} from now on: the connection's next scans, the profile (saved off the FX
     * thread, the property the command line reads too), and at once the rows kept here, read again from their raw
     * bytes on a background thread. A row whose value the list keeps cut cannot be read whole from what is kept:
     * it says so, and is read whole when selected.
     */
    public void decodeAs(String format) {
        SchemaAccess access = schemas;
        if (!decodable()) {
            decodeStatus.set("This connection reads no schemas: its values are shown as their bytes say.");
            return;
        }
        String before = access.formatOf(destination);
        decodeStatus.set("Reading " + destination + " as " + format + "…");
        access.useFormat(destination, format).whenComplete((decoder, failure) -> ui.execute(() -> {
            decodeAs.set(access.formatOf(destination));
            if (failure != null && before.equals(decodeAs.get())) {
                decodeStatus.set(Failures.sentence(failure)); // nothing changed: the rows stay as they are
                return;
            }
            readRowsAgain(access.decoder(), failure, destination + " is read as " + decodeAs.get());
        }));
    }

    /**
     * Reads Protobuf with the descriptor set at {@code path} from now on (blank: none), saved in the profile; the
     * file is read off the FX thread, and the kept rows are read again with it.
     */
    public void useDescriptorSet(String path) {
        SchemaAccess access = schemas;
        if (!decodable()) {
            decodeStatus.set("This connection reads no schemas: its values are shown as their bytes say.");
            return;
        }
        decodeStatus.set("Reading the descriptor set " + path + "…");
        CompletableFuture.supplyAsync(() -> access.useDescriptorSet(path), background)
                .thenCompose(stage -> stage)
                .whenComplete((decoder, failure) -> ui.execute(() -> {
                    if (failure != null && !access.descriptorSet().equals(path.strip())) {
                        decodeStatus.set(Failures.sentence(failure)); // the old set stays, and the rows
                        return;
                    }
                    readRowsAgain(access.decoder(), failure, "Protobuf is read with " + (path.isBlank()
                            ? "no descriptor set" : "the descriptor set " + path.strip()));
                }));
    }

    /** On the FX thread: the kept rows read again with {@code decoder} off it, then shown, with what was done. */
    private void readRowsAgain(ValueDecoder decoder, Throwable failure, String done) {
        List<KeptMessage> snapshot = List.copyOf(rows);
        String readAs = decodeAs.get(); // read here: properties belong to the FX thread
        CompletableFuture.supplyAsync(() -> readAgain(snapshot, decoder, readAs), background)
                .whenComplete((again, unread) -> ui.execute(() -> {
                    if (unread != null) { // the rows stay as they were shown, and the status says why
                        decodeStatus.set("The rows could not be read again: " + Failures.sentence(unread));
                        return;
                    }
                    applyReadAgain(again);
                    decodeStatus.set(failure != null ? Failures.sentence(failure)
                            : done + ": " + Formats.count(again.size()) + " rows read again.");
                }));
    }

    /** Each kept row read again with {@code decoder}, by identity; off the FX thread. */
    private Map<KeptMessage, KeptMessage> readAgain(List<KeptMessage> snapshot, ValueDecoder decoder,
                                                    String readAs) {
        int budget = seekable ? SEEKABLE_BUDGET : QUEUE_BUDGET;
        Map<KeptMessage, KeptMessage> again = new IdentityHashMap<>();
        for (KeptMessage row : snapshot) {
            BrowsedMessage message = row.message();
            byte[] value = message.value();
            boolean valueCut = value != null && value.length < row.valueBytes();
            DecodedValue decoded = decoder.decode(message.destination(), value);
            if (decoded != null && valueCut) {
                decoded = DecodedValue.failed(decoded.format(), decoded.schemaId(), "Only the first "
                        + Formats.bytes(value.length) + " of this value are kept in the list: select it to read it "
                        + "whole as " + readAs + ".");
            } else if (decoded != null && decoded.isRead() && decoded.json().length > budget) {
                decoded = decoded.cutTo(Arrays.copyOf(decoded.json(), budget));
            }
            again.put(row, new KeptMessage(message.withDecoded(decoded), row.keyBytes(), row.valueBytes()));
        }
        return again;
    }

    /** On the FX thread: one list change; the selected row stays selected, inspected again. */
    private void applyReadAgain(Map<KeptMessage, KeptMessage> again) {
        KeptMessage wasSelected = selected.get();
        List<KeptMessage> replaced = new ArrayList<>(rows.size());
        for (KeptMessage row : rows) {
            replaced.add(again.getOrDefault(row, row));
        }
        rows.setAll(replaced);
        KeptMessage nowSelected = wasSelected == null ? null : again.getOrDefault(wasSelected, wasSelected);
        if (nowSelected != null) {
            selected.set(nowSelected);
            if (nowSelected == wasSelected) {
                inspect(nowSelected, false);
            }
        }
        unmatched.set(rows.stream().filter(row -> unmatched(row.message())).count());
    }

    private static boolean unmatched(BrowsedMessage message) {
        DecodedValue decoded = message.decoded();
        return decoded != null && !decoded.matchesSchema();
    }

    /** Where the registry files a schema id and its subject's versions; read off the FX thread. */
    public CompletionStage<SchemaAccess.SchemaVersions> schemaVersions(int schemaId) {
        SchemaAccess access = schemas;
        return CompletableFuture.supplyAsync(() -> access.versionsOf(schemaId), background);
    }

    /** One version of a subject, to show its schema; read off the FX thread. */
    public CompletionStage<SchemaAccess.SchemaVersion> schemaVersion(String subject, int version) {
        SchemaAccess access = schemas;
        return CompletableFuture.supplyAsync(() -> access.version(subject, version), background);
    }

    /**
     * Sends a message whose value the operator wrote as JSON, encoded first in the chosen schema's wire format (off
     * the FX thread). A value that does not fit is refused with the reason and nothing is sent: never plain JSON.
     */
    public CompletionStage<Produced> publishEncoded(OutgoingMessage typed, SchemaAccess.SchemaChoice choice) {
        SchemaAccess access = schemas;
        return CompletableFuture.supplyAsync(() -> access.encode(destination, choice, typed.value()), background)
                .thenCompose(encoded -> connection.publish(new OutgoingMessage(typed.destination(), typed.partition(),
                                typed.key(), encoded.value(), typed.headers()))
                        .thenApply(receipt -> new Produced(receipt, encoded)));
    }

    /** A record sent in a schema: where it landed and what it was written with. */
    public record Produced(PublishReceipt receipt, SchemaAccess.Encoded encoded) {
    }

    /**
     * The raw value of one masked field of the message in the detail pane, once the reveal is in the audit log; a
     * sentence saying why not otherwise (the profile does not allow it, the log could not keep it).
     */
    public CompletionStage<String> reveal(MaskedField field) {
        MessageInspection shown = inspection.get();
        if (shown == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("Select a message first."));
        }
        return masking.reveal(shown.row().message(), field);
    }

    /**
     * Masking rules proposed from the rows this browser holds (read as they came from the broker): fields and
     * headers holding card numbers, e-mail addresses or IBANs, less the rules the profile has. Off the UI thread.
     */
    public CompletionStage<List<MaskSuggestions.Suggestion>> suggestMasking() {
        List<BrowsedMessage> sample = rows.stream().limit(SUGGESTION_SAMPLE).map(KeptMessage::message).toList();
        var existing = masking.masking().settings().rules();
        return CompletableFuture.supplyAsync(() -> MaskSuggestions.from(sample, existing), background);
    }

    /** Reads the selected message again whole, however large, and shows it. */
    public void fetchWhole() {
        inspect(selected.get(), true);
    }

    private void inspect(KeptMessage row, boolean fetch) {
        if (row == null) {
            inspection.set(null);
            return;
        }
        CompletionStage<KeptMessage> source = fetch ? whole(row) : CompletableFuture.completedFuture(row);
        source.handleAsync((found, failure) -> {
                    ProfileMasking shownWith = masking;
                    if (failure != null) {
                        return MessageInspection.of(row, false, shownWith).withNote(
                                "The whole message could not be read: " + Failures.sentence(failure));
                    }
                    MessageInspection shown = MessageInspection.of(found, !found.truncated(), shownWith);
                    return seekable || !found.truncated() ? shown
                            : shown.withNote("A queue has no offsets to read one message again by.");
                }, background)
                .thenAccept(result -> ui.execute(() -> {
                    if (selected.get() == row) {
                        inspection.set(result);
                    }
                }));
    }

    /** Sends a message the operator composed; a read-only profile is refused by the connector itself. */
    public CompletionStage<PublishReceipt> publish(OutgoingMessage message) {
        return connection.publish(message);
    }

    /** Exports of this browser's rows or of every match of its last scan. */
    public ScanExport export() {
        return export;
    }

    /** The request of the last scan started, if any: what "export every match" reads again. */
    public Optional<BrowseRequest> lastRequest() {
        return Optional.ofNullable(lastRequest);
    }

    public boolean seekable() {
        return seekable;
    }

    public String destination() {
        return destination;
    }

    public ScanForm form() {
        return form;
    }

    /** The kept rows, at most {@link #ROW_CAP}; changed only on the UI thread. */
    public ObservableList<KeptMessage> rows() {
        return rows;
    }

    public ObservableList<PartitionRow> partitions() {
        return partitions;
    }

    /** Why the partitions could not be read last time; empty once they were. Kept apart from the scan's error. */
    public ReadOnlyStringProperty partitionsErrorProperty() {
        return partitionsError;
    }

    /** The row the detail pane shows; the table sets it. */
    public ObjectProperty<KeptMessage> selectedProperty() {
        return selected;
    }

    /** The selected message decoded for the detail pane; null while nothing is selected. */
    public ReadOnlyObjectProperty<MessageInspection> inspectionProperty() {
        return inspection;
    }

    public ReadOnlyObjectProperty<ScanProgress> progressProperty() {
        return progress;
    }

    public ReadOnlyBooleanProperty scanningProperty() {
        return scanning;
    }

    /** One line on where the scan stands: scanning, done, stopped. */
    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    /** What the operator should know about how the scan reads and what it kept. */
    public ReadOnlyStringProperty notesProperty() {
        return notes;
    }

    /** Why the last scan could not start or failed, as a sentence; empty when all is well. */
    public ReadOnlyStringProperty errorProperty() {
        return error;
    }

    /** One scan: its subscription, its rows in flight and its tally. Batches of a replaced scan are ignored. */
    private final class Scan implements Flow.Subscriber<MessageBatch> {

        private final BrowseRequest request;
        private final RowFeed<KeptMessage> feed;
        private final boolean filtered;
        private final ScanTally tally = new ScanTally();
        private final AtomicBoolean drainScheduled = new AtomicBoolean();
        /** Values read so far that could not be read through their schema or do not match it: counted, never stopping. */
        private final AtomicLong unmatchedInScan = new AtomicLong();
        private volatile Flow.Subscription subscription;
        private volatile boolean stopped;
        private volatile boolean completed;
        private volatile Throwable failure;

        Scan(BrowseRequest request, RowFeed<KeptMessage> feed, boolean filtered) {
            this.request = request;
            this.feed = feed;
            this.filtered = filtered;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (stopped) {
                subscription.cancel();
            } else {
                // Rows past the cap are counted, not queued: unbounded demand costs no memory.
                subscription.request(Long.MAX_VALUE);
            }
        }

        /**
         * On the connector's reading thread: counts what does not match its schema (known without its JSON), and
         * makes rows of the messages the list will keep. Making a row cuts the payload and makes a value's JSON
         * where a schema read it (decision 0021: made when first needed), so the FX thread never makes one for a
         * row; messages past the row cap are only counted, their JSON never made.
         */
        @Override
        public void onNext(MessageBatch batch) {
            int budget = seekable ? SEEKABLE_BUDGET : QUEUE_BUDGET;
            int notMatching = 0;
            for (BrowsedMessage message : batch.messages()) {
                if (unmatched(message)) {
                    notMatching++;
                }
            }
            unmatchedInScan.addAndGet(notMatching);
            synchronized (tally) {
                tally.add(batch);
            }
            feed.offer(batch.messages(), message -> KeptMessage.of(message, budget));
            scheduleDrain();
        }

        @Override
        public void onError(Throwable failure) {
            this.failure = failure;
            scheduleDrain();
        }

        @Override
        public void onComplete() {
            completed = true;
            scheduleDrain();
        }

        void stop() {
            stopped = true;
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }

        private void scheduleDrain() {
            scheduleDrain(DRAIN_EVERY);
        }

        private void scheduleDrain(Duration after) {
            if (drainScheduled.compareAndSet(false, true)) {
                timer.schedule(() -> ui.execute(() -> {
                    drainScheduled.set(false);
                    drain();
                }), after.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        /** On the UI thread: one list change and one progress update for everything since the last drain. */
        void drain() {
            if (current != this) {
                return;
            }
            RowWindow.Change<KeptMessage> change = feed.drain(DRAIN_ROWS);
            if (change.evictFromFront() > 0) {
                rows.remove(0, change.evictFromFront());
            }
            if (!change.append().isEmpty()) {
                rows.addAll(change.append());
            }
            List<String> connectorNotes;
            synchronized (tally) {
                progress.set(tally.progress());
                connectorNotes = tally.notes();
            }
            var said = new ArrayList<>(connectorNotes);
            Optional.of(feed.note()).filter(note -> !note.isEmpty()).ifPresent(said::add);
            long notMatching = unmatchedInScan.get();
            unmatched.set(notMatching);
            if (notMatching > 0) {
                said.add(Formats.count(notMatching) + (notMatching == 1 ? " value" : " values") + " could not be read "
                        + "through " + (notMatching == 1 ? "its schema or does" : "their schema or do") + " not match "
                        + "it: select one to see why.");
            }
            notes.set(String.join(" ", said));
            if (feed.hasPending()) {
                scheduleDrain(NEXT_SLICE); // the rest of the rows, a pulse later; the scan ends after them
                return;
            }
            if (stopped) {
                return;
            }
            // The outcome is said before "scanning" turns false, so whoever watches that flag reads it.
            if (failure != null) {
                error.set(Failures.sentence(failure));
                status.set("Failed. " + summary());
                scanning.set(false);
            } else if (completed) {
                status.set("Done. " + summary());
                scanning.set(false);
            }
        }

        String summary() {
            ScanProgress now = progress.get();
            String found = filtered ? String.format("%,d matches", now.matched())
                    : String.format("%,d messages", now.matched());
            return String.format("%,d scanned, %s in %s.", now.scanned(), found, Formats.duration(now.elapsed()));
        }
    }
}
