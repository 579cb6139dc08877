package dev.flowdeck.views.browser;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.Failures;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.KeptMessage;
import dev.flowdeck.core.browse.MessageBatch;
import dev.flowdeck.core.browse.ScanTally;
import dev.flowdeck.core.browse.StartPosition;
import dev.flowdeck.core.export.ExportFormat;
import dev.flowdeck.core.export.MessageExport;
import dev.flowdeck.core.mask.Masking;
import dev.flowdeck.views.common.Formats;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;

/**
 * Writes messages to a file as JSON Lines or CSV: the rows an operator selected (each cut value fetched whole
 * first), or every match of a scan, read again and streamed to the file as it is read, so an export of millions of
 * matches costs no more memory than one batch. One export at a time per browser; cancel keeps what was written.
 */
public final class ScanExport {

    private final BrokerConnection connection;
    private final Executor ui;
    private final Executor background;
    private final Function<KeptMessage, CompletionStage<KeptMessage>> whole;
    private final Supplier<Masking> masking;
    private final SimpleBooleanProperty running = new SimpleBooleanProperty();
    private final SimpleStringProperty status = new SimpleStringProperty("");
    private volatile Runnable canceller = () -> { };

    ScanExport(BrokerConnection connection, Executor ui, Executor background,
               Function<KeptMessage, CompletionStage<KeptMessage>> whole, Supplier<Masking> masking) {
        this.connection = connection;
        this.ui = ui;
        this.background = background;
        this.whole = whole;
        this.masking = masking;
    }

    /** Writes these rows, in this order; a row whose value was cut is read again whole where the broker can. */
    public CompletionStage<Long> rows(List<KeptMessage> rows, Path file, ExportFormat format) {
        if (!begin("Exporting " + Formats.count(rows.size()) + " messages to " + file.getFileName() + "…")) {
            return CompletableFuture.failedFuture(new IllegalStateException("an export is running"));
        }
        var cancelled = new AtomicBoolean();
        var written = new AtomicLong();
        var stillCut = new AtomicLong();
        canceller = () -> cancelled.set(true);
        return CompletableFuture.supplyAsync(() -> {
            try (MessageExport export = open(file, format)) {
                for (KeptMessage row : rows) {
                    if (cancelled.get()) {
                        break;
                    }
                    KeptMessage read = whole.apply(row).toCompletableFuture().join();
                    export.write(read.message());
                    written.incrementAndGet();
                    if (read.truncated()) {
                        stillCut.incrementAndGet(); // a queue message, or one deleted since: said, not hidden
                    }
                }
                return written.get();
            }
        }, background).whenComplete((count, failure) -> finish(file, written.get(), failure, cancelled.get(),
                stillCut.get()));
    }

    /**
     * Reads the scan again from its start to the end of the range as it is now (a live tail stops there) and
     * writes every match.
     */
    public void everyMatch(BrowseRequest scan, Path file, ExportFormat format) {
        if (scan.start() instanceof StartPosition.Latest) {
            // Read again, a tail of new messages would start at the end and find nothing.
            status.set("A live tail has no range to read again: select its rows (Ctrl+A) and export the selection.");
            return;
        }
        if (!begin("Exporting every match to " + file.getFileName() + "…")) {
            return;
        }
        // Every value is written: a value read through a schema gets its JSON on the filter pool, not here.
        BrowseRequest once = new BrowseRequest(scan.destination(), scan.start(), scan.partitions(), false,
                scan.limit(), scan.filter()).readingEveryValue();
        CompletableFuture.supplyAsync(() -> open(file, format), background).whenComplete((export, failure) -> {
            if (failure != null) {
                finish(file, 0, failure, false, 0);
            } else {
                connection.browse(once).subscribe(new Writer(export, file));
            }
        });
    }

    /** Stops the export; what was written stays in the file. */
    public void cancel() {
        canceller.run();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running;
    }

    /** Where the export stands, or how it ended; empty before the first one. */
    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    private boolean begin(String what) {
        if (running.get()) {
            return false;
        }
        running.set(true);
        status.set(what);
        return true;
    }

    private void finish(Path file, long written, Throwable failure, boolean cancelled, long stillCut) {
        String count = Formats.count(written) + " messages"
                + (stillCut == 0 ? "" : " (" + Formats.count(stillCut) + " of them cut: they could not be read again)");
        String said = failure != null ? "Export failed: " + Failures.sentence(failure) + " " + count
                + " written to " + file + "."
                : cancelled ? "Export cancelled: " + count + " written to " + file + "."
                : "Exported " + count + " to " + file + ".";
        ui.execute(() -> {
            running.set(false);
            status.set(said);
        });
    }

    /** The file's writer, through the profile's masking: what leaves for a file leaves masked. */
    private MessageExport open(Path file, ExportFormat format) {
        try {
            return masking.get().exporting(
                    format.open(new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Streams a scan into the file on the connector's reading thread. */
    private final class Writer implements Flow.Subscriber<MessageBatch> {

        private final MessageExport export;
        private final Path file;
        private final ScanTally tally = new ScanTally();
        private final AtomicBoolean updateScheduled = new AtomicBoolean();
        private final AtomicBoolean ended = new AtomicBoolean();
        private Flow.Subscription subscription;

        Writer(MessageExport export, Path file) {
            this.export = export;
            this.file = file;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            canceller = () -> {
                subscription.cancel();
                // Closing waits for a batch being written: never on the cancelling (FX) thread.
                background.execute(() -> end(null, true));
            };
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(MessageBatch batch) {
            synchronized (export) {
                if (ended.get()) {
                    return;
                }
                try {
                    for (BrowsedMessage message : batch.messages()) {
                        export.write(message);
                    }
                } catch (UncheckedIOException e) {
                    subscription.cancel();
                    end(e, false);
                    return;
                }
                tally.add(batch);
            }
            if (updateScheduled.compareAndSet(false, true)) {
                String line = ScanBar.describe(tally.progress(), "written");
                ui.execute(() -> {
                    updateScheduled.set(false);
                    if (running.get()) {
                        status.set("Exporting to " + file.getFileName() + ": " + line);
                    }
                });
            }
        }

        @Override
        public void onError(Throwable failure) {
            end(failure, false);
        }

        @Override
        public void onComplete() {
            end(null, false);
        }

        /** Closes the file once, whichever of complete, error and cancel comes first. */
        private void end(Throwable failure, boolean cancelled) {
            synchronized (export) {
                if (!ended.compareAndSet(false, true)) {
                    return;
                }
                try {
                    export.close();
                } catch (UncheckedIOException e) {
                    failure = failure == null ? e : failure;
                }
                finish(file, export.written(), failure, cancelled, 0);
            }
        }
    }
}
