package dev.flowdeck.connectors.kafka;

import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.BrowseSubscription;
import dev.flowdeck.core.browse.LastNAllocation;
import dev.flowdeck.core.browse.MessageBatch;
import dev.flowdeck.core.browse.OrderedFiltering;
import dev.flowdeck.core.decode.ValueDecoder;
import dev.flowdeck.core.browse.StartPosition;
import dev.flowdeck.core.filter.MessageFilter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.utils.Utils;

/**
 * One browse of a topic: a {@link Flow.Subscription} driving a {@link KafkaConsumer} on a thread of its own.
 *
 * <p>The consumer is assigned partitions and seeks; it has no {@code group.id}, never subscribes and never
 * commits, so a browse cannot disturb any consumer group. It polls only while the subscriber has demand.
 */
final class KafkaBrowse extends BrowseSubscription {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration PROGRESS_EVERY = Duration.ofMillis(250);

    private final Map<String, Object> consumerConfig;
    private final BrowseRequest request;
    private final Consumer<KafkaBrowse> onFinished;
    private final String bootstrapServers;
    private final ValueDecoder decoder;

    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private final List<String> notes = new ArrayList<>();

    KafkaBrowse(Map<String, Object> consumerConfig, BrowseRequest request,
                Flow.Subscriber<? super MessageBatch> subscriber, Consumer<KafkaBrowse> onFinished,
                String bootstrapServers, ValueDecoder decoder) {
        super(subscriber);
        this.decoder = decoder;
        this.consumerConfig = consumerConfig;
        this.request = request;
        this.onFinished = onFinished;
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    protected void onCancel() {
        var current = consumer;
        if (current != null) {
            current.wakeup(); // ends a poll in progress at once
        }
    }

    @Override
    public void run() {
        try (var kafka = new KafkaConsumer<byte[], byte[]>(consumerConfig)) {
            consumer = kafka;
            if (demand.isCancelled()) {
                return;
            }
            read(kafka);
        } catch (WakeupException e) {
            if (!demand.isCancelled()) {
                fail(e);
            }
        } catch (RuntimeException | Error e) {
            if (!demand.isCancelled()) {
                fail(e);
            }
        } finally {
            consumer = null;
            onFinished.accept(this);
            finish();
        }
    }

    private void read(KafkaConsumer<byte[], byte[]> kafka) {
        List<TopicPartition> partitions = partitions(kafka);
        kafka.assign(partitions);
        Map<TopicPartition, Long> begin = kafka.beginningOffsets(partitions);
        Map<TopicPartition, Long> end = kafka.endOffsets(partitions);
        Map<TopicPartition, Long> start = startOffsets(kafka, partitions, begin, end);
        start.forEach(kafka::seek);

        long inRange = 0;
        Set<TopicPartition> open = new HashSet<>();
        for (TopicPartition partition : partitions) {
            inRange += Math.max(0, end.get(partition) - start.get(partition));
            if (request.follow() || start.get(partition) < end.get(partition)) {
                open.add(partition);
            }
        }
        long total = request.limit() > 0 && request.unfiltered() ? Math.min(inRange, request.limit()) : inRange;
        long scanned = 0;
        if (!notes.isEmpty() || request.rangeFirst()) {
            // Said before reading, so the operator knows even if that partition holds nothing; and the range, to
            // a caller that begins its next browse once this one has taken its end offsets (the trace index).
            if (!demand.await() || !deliver(new MessageBatch(List.of(), 0, 0, total, notesOnce()))) {
                return;
            }
        }
        // Filtered on the pool while this thread polls on; handed over in the order read (decision 0020).
        // Values written with a schema are read there too, before the filter sees them; their JSON is made there
        // only for a filter that reads it, or a taker that reads every value (decision 0021).
        var filtering = new OrderedFiltering<Read>(request.filter(), decoder, request.everyValueRead(),
                demand::isCancelled);
        var handOver = new HandOver(total);
        try {
            while (!demand.isCancelled()) {
                if (!request.follow() && open.isEmpty()) {
                    while (!filtering.isEmpty()) {
                        if (!handOver.next(filtering.next())) {
                            return;
                        }
                    }
                    // The last records may have matched nothing and come before a progress report was due: say
                    // how far the scan came, so it never ends short of its total.
                    if (handOver.scanned > handOver.reported && (!demand.await()
                            || !deliver(new MessageBatch(List.of(), handOver.scanned, handOver.matched, total,
                            notesOnce())))) {
                        return;
                    }
                    signalComplete();
                    return;
                }
                // Whatever is filtered already goes out first; a full line waits for its head.
                for (var done = filtering.nextDone(); done != null; done = filtering.nextDone()) {
                    if (!handOver.next(done)) {
                        return;
                    }
                }
                while (filtering.isFull()) {
                    if (!handOver.next(filtering.next())) {
                        return;
                    }
                }
                if (!demand.await()) {
                    return;
                }
                ConsumerRecords<byte[], byte[]> records = kafka.poll(POLL);
                List<BrowsedMessage> read = new ArrayList<>(records.count());
                for (TopicPartition partition : records.partitions()) {
                    // Looked up once a partition, not once a record: a scan reads millions.
                    long stopAt = request.follow() ? Long.MAX_VALUE : end.get(partition);
                    for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                        if (record.offset() < stopAt) {
                            read.add(KafkaRecords.toMessage(record));
                        }
                    }
                }
                scanned += read.size();
                if (!request.follow()) {
                    for (TopicPartition partition : List.copyOf(open)) {
                        if (kafka.position(partition) >= end.get(partition)) {
                            open.remove(partition);
                            kafka.pause(List.of(partition));
                        }
                    }
                }
                // Never on the FX thread: here, or on the filter pool.
                filtering.submit(read, new Read(scanned, !records.isEmpty()));
                if (filtering.isFull() && !handOver.next(filtering.next())) {
                    return;
                }
            }
        } finally {
            filtering.discard();
        }
    }

    /** What the reader knew when it submitted a batch: how far the scan had come, and whether the poll got any. */
    private record Read(long scanned, boolean gotRecords) {
    }

    /** Hands the filtered batches to the subscriber in the order they were read, within its demand. */
    private final class HandOver {
        private final long total;
        private long scanned;
        private long matched;
        private long reported; // scanned, as the last batch said
        private long lastReport = System.nanoTime();

        HandOver(long total) {
            this.total = total;
        }

        /** False when the browse is over: cancelled, or its limit reached (then completed). */
        boolean next(OrderedFiltering.Ticket<Read> ticket) {
            List<BrowsedMessage> batch = ticket.passed();
            scanned = ticket.note().scanned();
            if (request.limit() > 0 && matched + batch.size() >= request.limit()) {
                batch = batch.subList(0, (int) (request.limit() - matched));
            }
            // Matches go out at once; a scan finding nothing still reports its progress a few times a second.
            boolean progressDue = System.nanoTime() - lastReport > PROGRESS_EVERY.toNanos()
                    && ticket.note().gotRecords();
            if (!batch.isEmpty() || progressDue) {
                if (!demand.await()) {
                    return false;
                }
                matched += batch.size();
                reported = scanned;
                lastReport = System.nanoTime();
                if (!deliver(new MessageBatch(batch, scanned, matched, total, notesOnce()))) {
                    return false;
                }
            }
            if (request.limit() > 0 && matched >= request.limit()) {
                signalComplete();
                return false;
            }
            return true;
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> kafka) {
        List<PartitionInfo> infos = kafka.partitionsFor(request.destination());
        if (infos == null || infos.isEmpty()) {
            throw new BrokerException("Topic '" + request.destination() + "' does not exist on "
                    + bootstrapServers + ".", null);
        }
        Set<Integer> known = new HashSet<>();
        infos.forEach(info -> known.add(info.partition()));
        if (!known.containsAll(request.partitions())) {
            var missing = new HashSet<>(request.partitions());
            missing.removeAll(known);
            throw new BrokerException("Topic '" + request.destination() + "' has no partition " + missing
                    + "; it has " + known.size() + ".", null);
        }
        var key = MessageFilter.requiredKey(request.filter());
        if (request.partitions().isEmpty() && key.isPresent()) {
            // The default partitioner puts a key in one partition: read that one, not the whole topic.
            int partition = Utils.toPositive(Utils.murmur2(key.get())) % infos.size();
            notes.add("Searched partition " + partition + " only: the default partitioner (murmur2) sends this key "
                    + "there. Messages produced with another partitioner would be elsewhere: choose the partitions "
                    + "to search them all.");
            return List.of(new TopicPartition(request.destination(), partition));
        }
        return infos.stream()
                .map(PartitionInfo::partition)
                .filter(p -> request.partitions().isEmpty() || request.partitions().contains(p))
                .sorted()
                .map(p -> new TopicPartition(request.destination(), p))
                .toList();
    }

    private Map<TopicPartition, Long> startOffsets(KafkaConsumer<byte[], byte[]> kafka,
                                                   List<TopicPartition> partitions,
                                                   Map<TopicPartition, Long> begin, Map<TopicPartition, Long> end) {
        Map<TopicPartition, Long> start = new HashMap<>();
        switch (request.start()) {
            case StartPosition.Earliest ignored -> start.putAll(begin);
            case StartPosition.Latest ignored -> start.putAll(end);
            case StartPosition.Offset offset -> partitions.forEach(p ->
                    start.put(p, Math.clamp(offset.offset(), begin.get(p), end.get(p))));
            case StartPosition.LastN last -> {
                Map<Integer, Long> available = new HashMap<>();
                partitions.forEach(p -> available.put(p.partition(), end.get(p) - begin.get(p)));
                Map<Integer, Long> take = LastNAllocation.allocate(available, last.count());
                partitions.forEach(p -> start.put(p, end.get(p) - take.get(p.partition())));
            }
            case StartPosition.Timestamp time -> {
                Map<TopicPartition, Long> query = new HashMap<>();
                partitions.forEach(p -> query.put(p, time.time().toEpochMilli()));
                Map<TopicPartition, OffsetAndTimestamp> found = kafka.offsetsForTimes(query);
                partitions.forEach(p -> start.put(p, found.get(p) == null ? end.get(p) : found.get(p).offset()));
            }
        }
        return start;
    }

    /** The notes go out with the first batch only. */
    private List<String> notesOnce() {
        List<String> once = List.copyOf(notes);
        notes.clear();
        return once;
    }

    private void fail(Throwable failure) {
        signalError(KafkaErrors.explain(failure, bootstrapServers, false));
    }
}
