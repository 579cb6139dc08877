package dev.flowdeck.core.browse;

import dev.flowdeck.core.concurrent.NamedThreadFactory;
import dev.flowdeck.core.decode.DecodedValue;
import dev.flowdeck.core.decode.ValueDecoder;
import dev.flowdeck.core.filter.MessageFilter;
import dev.flowdeck.core.filter.MessageView;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * A browse's filter run on a small shared pool of threads while its reading thread goes on polling, the results
 * handed back in the order the batches were read (see decision 0020). A filter's CPU, not the broker, is what holds
 * a filtered scan back; one reading thread cannot use a second core.
 *
 * <p>Only the reading thread calls this: it {@link #submit submits} each read batch as a ticket of its own, and takes
 * tickets back from the head of the line ({@link #nextDone}, {@link #next}), so the order and the subscriber's
 * demand are the reading thread's business as before. At most {@link #capacity()} batches, and {@link #MAX_BYTES}
 * of messages, wait or run at once: the reader must take the head before it submits more, which bounds the memory
 * and stops the reading when the subscriber does. Without a filter (or with one core) nothing goes to the pool:
 * each batch is its own result.
 *
 * @param <T> what the reader keeps with each batch (its progress figures)
 */
public final class OrderedFiltering<T> {

    /** A batch read, with the reader's note, its messages' bytes, and (once filtered) the messages that passed. */
    public record Ticket<T>(T note, Future<List<BrowsedMessage>> matches, long bytes) {

        /** The passing messages, waiting for the pool if it has not finished; a failure of the filter is thrown. */
        public List<BrowsedMessage> passed() {
            try {
                return matches.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while filtering", e);
            }
        }
    }

    private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

    /**
     * Batches in the line for each pool thread. Two kept the reader waiting on the head whenever the broker, the
     * reader and the pool took turns on a two-core machine; eight let it poll on through those turns (a filtered
     * scan 0.02-0.06 and a schema-read one 0.03-0.05 nearer the bare consumer's rate, in four paired runs).
     */
    static final int BATCHES_PER_THREAD = 8;

    /**
     * The most message bytes in the line: a poll may bring 50 MB of large values, and a line that deep of those
     * would hold gigabytes. Ordinary batches (a few hundred kilobytes) never come near it.
     */
    public static final long MAX_BYTES = 32L * 1024 * 1024;

    /** Named so that a benchmark can add their CPU time to the browse's; daemons, so they never hold the JVM. */
    public static final String THREAD_NAME = "flowdeck-filter";

    private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS,
            NamedThreadFactory.background(THREAD_NAME));

    private final MessageFilter filter;
    private final ValueDecoder decoder;
    /**
     * The field paths the filter reads of a value, when it reads nothing else of it (see
     * {@link MessageFilter#valuePaths}); null when it reads the whole value.
     */
    private final List<List<String>> valuePaths;
    private final BooleanSupplier cancelled;
    /** Whether the messages that pass get their whole JSON made here ({@link BrowseRequest#everyValueRead}). */
    private final boolean makeJson;
    private final boolean parallel;
    private final ArrayDeque<Ticket<T>> line = new ArrayDeque<>();
    /** The message bytes of the batches in the line: what {@link #MAX_BYTES} bounds. */
    private long bytes;

    /**
     * @param filter    the browse's filter ({@link MessageFilter#ALL} for none)
     * @param cancelled whether the browse was cancelled: a batch being filtered then stops where it is
     */
    public OrderedFiltering(MessageFilter filter, BooleanSupplier cancelled) {
        this(filter, ValueDecoder.NONE, cancelled);
    }

    /**
     * @param decoder reads values written with a schema (Avro, Protobuf) before the filter sees them, so a JSONPath
     *                or text filter matches their JSON; its CPU goes to the pool like a filter's. A value's JSON is
     *                made here only if the filter reads it whole; one reading field paths gets just those fields
     */
    public OrderedFiltering(MessageFilter filter, ValueDecoder decoder, BooleanSupplier cancelled) {
        this(filter, decoder, false, cancelled);
    }

    /**
     * @param makeJson true for a browse whose taker reads every value (an export): the JSON of each value that
     *                 passes is made here, on the pool's threads, instead of on the taker's one thread
     */
    public OrderedFiltering(MessageFilter filter, ValueDecoder decoder, boolean makeJson, BooleanSupplier cancelled) {
        this.filter = filter;
        this.makeJson = makeJson;
        this.decoder = decoder;
        this.valuePaths = MessageFilter.valuePaths(filter).orElse(null);
        this.cancelled = cancelled;
        this.parallel = THREADS > 1 && (filter != MessageFilter.ALL || decoder != ValueDecoder.NONE);
    }

    /** How many batches may wait at once (fewer when they are heavy, see {@link #MAX_BYTES}). */
    public int capacity() {
        return parallel ? BATCHES_PER_THREAD * THREADS : 1;
    }

    /** The reader takes the head of the line (maybe more than once) before it submits another batch. */
    public boolean isFull() {
        return line.size() >= capacity() || (!line.isEmpty() && bytes >= MAX_BYTES);
    }

    public boolean isEmpty() {
        return line.isEmpty();
    }

    /** Queues a read batch for filtering; the caller takes the head first when {@link #isFull()}. */
    public void submit(List<BrowsedMessage> read, T note) {
        if (isFull()) {
            throw new IllegalStateException("take the head of the line before submitting more");
        }
        Future<List<BrowsedMessage>> matches = parallel
                ? CompletableFuture.supplyAsync(() -> passing(read), POOL)
                : CompletableFuture.completedFuture(
                        filter == MessageFilter.ALL && decoder == ValueDecoder.NONE ? read : passing(read));
        long weight = 0;
        if (parallel) {
            for (BrowsedMessage message : read) {
                weight += message.sizeInBytes();
            }
        }
        line.add(new Ticket<>(note, matches, weight));
        bytes += weight;
    }

    /** The head of the line if its batch is filtered already, else null: what can be handed over without waiting. */
    public Ticket<T> nextDone() {
        Ticket<T> head = line.peek();
        return head != null && head.matches().isDone() ? next() : null;
    }

    /** The head of the line, whose {@link Ticket#passed()} may wait for the pool; null when the line is empty. */
    public Ticket<T> next() {
        Ticket<T> head = line.poll();
        if (head != null) {
            bytes -= head.bytes();
        }
        return head;
    }

    /** Drops what is waiting: the browse ended early (a limit reached, a cancel). */
    public void discard() {
        line.forEach(ticket -> ticket.matches().cancel(false));
        line.clear();
        bytes = 0;
    }

    private BrowsedMessage decoded(BrowsedMessage message) {
        if (decoder == ValueDecoder.NONE) {
            return message;
        }
        DecodedValue reading = decoder.decode(message.destination(), message.value());
        return reading == null ? message : message.withDecoded(reading);
    }

    /**
     * The filter's answer for a message whose value may have been read through a schema. Such a value's JSON is made
     * only when something asks for it (decision 0021): a filter that reads no value leaves it unmade, and one that
     * reads only field paths is given JSON of just those fields where the decoder can make it, which answers as the
     * whole JSON would. The messages that pass carry the value as decoded, their whole JSON made when first read.
     */
    private boolean passes(BrowsedMessage readable) {
        if (filter == MessageFilter.ALL) {
            return true; // a browse read through a decoder without a filter: every value checked, none made JSON
        }
        DecodedValue decoded = readable.decoded();
        if (valuePaths != null && !valuePaths.isEmpty() && decoded != null) {
            byte[] fields = decoded.fieldsJson(valuePaths);
            if (fields != null) {
                DecodedValue justFields = DecodedValue.read(decoded.format(), decoded.schemaId(), decoded.subject(),
                        decoded.schema(), fields);
                return filter.test(new MessageView(readable.withDecoded(justFields)));
            }
        }
        return filter.test(new MessageView(readable));
    }

    private List<BrowsedMessage> passing(List<BrowsedMessage> read) {
        List<BrowsedMessage> passed = new ArrayList<>();
        for (BrowsedMessage message : read) {
            if (cancelled.getAsBoolean()) {
                return passed; // nobody will see it: stop spending a core on it
            }
            BrowsedMessage readable = decoded(message);
            if (passes(readable)) {
                if (makeJson && readable.decoded() != null) {
                    readable.decoded().json();
                }
                passed.add(readable);
            }
        }
        return passed;
    }
}
