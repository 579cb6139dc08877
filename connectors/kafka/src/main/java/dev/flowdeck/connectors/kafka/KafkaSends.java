package dev.flowdeck.connectors.kafka;

import dev.flowdeck.core.publish.PublishReceipt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The connection's publishes, handed to the producer and answered from the worker a queue's worth at a time.
 *
 * <p>Why queues: {@code KafkaProducer.send} may block (for a topic's metadata, or while its buffer is full), so it
 * must not run on the caller's thread; and the producer's callbacks run on its one I/O thread, where a caller's
 * continuation must not run. A hop onto the worker per record for each of the two cost more than the producer's
 * own work per record (a replay keeps a thousand sends out at once). So publishes wait in one queue and answers in
 * another, and each queue is emptied by one worker task at a time: one hop for every record that arrived while the
 * previous task ran. Records are handed to the producer in the order they were published.
 */
final class KafkaSends {

    private record Pending(ProducerRecord<byte[], byte[]> record, CompletableFuture<PublishReceipt> receipt) {
    }

    private record Answer(CompletableFuture<PublishReceipt> receipt, RecordMetadata metadata, Exception error) {
    }

    private final Executor worker;
    private final Supplier<KafkaProducer<byte[], byte[]>> producer;
    private final Function<Throwable, Throwable> explain;
    private final ConcurrentLinkedQueue<Pending> toSend = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean answering = new AtomicBoolean();

    /**
     * @param producer the connection's producer, made on first use (may throw when the connection is closed)
     * @param explain  a client's failure as the operator reads it
     */
    KafkaSends(Executor worker, Supplier<KafkaProducer<byte[], byte[]>> producer,
               Function<Throwable, Throwable> explain) {
        this.worker = worker;
        this.producer = producer;
        this.explain = explain;
    }

    /** Queues the record; the stage completes on the worker once the broker acknowledged it, or failed. */
    CompletableFuture<PublishReceipt> send(ProducerRecord<byte[], byte[]> record) {
        var receipt = new CompletableFuture<PublishReceipt>();
        toSend.add(new Pending(record, receipt));
        if (sending.compareAndSet(false, true)) {
            onWorker(this::sendQueued, this::failQueued);
        }
        return receipt;
    }

    /** Hands every queued record to the producer, until none is left that no other task will take. */
    private void sendQueued() {
        do {
            Pending pending;
            while ((pending = toSend.poll()) != null) {
                var receipt = pending.receipt();
                try {
                    producer.get().send(pending.record(), (metadata, error) -> answered(receipt, metadata, error));
                } catch (RuntimeException refused) {
                    receipt.completeExceptionally(explain.apply(refused)); // on the worker already
                }
            }
            sending.set(false);
        } while (!toSend.isEmpty() && sending.compareAndSet(false, true));
    }

    /** On the producer's I/O thread (or the sender's, for a record refused at once): queued, never completed here. */
    private void answered(CompletableFuture<PublishReceipt> receipt, RecordMetadata metadata, Exception error) {
        answers.add(new Answer(receipt, metadata, error));
        if (answering.compareAndSet(false, true)) {
            // The answers are known; only the hop is refused (the app is closing). Completing them here, on the I/O
            // thread, is the lesser harm: a caller left waiting forever would be worse.
            onWorker(this::completeAnswered, this::completeAnswered);
        }
    }

    private void completeAnswered() {
        do {
            Answer answer;
            while ((answer = answers.poll()) != null) {
                if (answer.error() != null) {
                    answer.receipt().completeExceptionally(explain.apply(answer.error()));
                } else {
                    RecordMetadata metadata = answer.metadata();
                    answer.receipt().complete(new PublishReceipt(metadata.topic(), metadata.partition(),
                            metadata.offset()));
                }
            }
            answering.set(false);
        } while (!answers.isEmpty() && answering.compareAndSet(false, true));
    }

    /** A worker that takes no more tasks (the app is closing) runs {@code otherwise} here instead. */
    private void onWorker(Runnable task, Runnable otherwise) {
        try {
            worker.execute(task);
        } catch (RejectedExecutionException closing) {
            otherwise.run();
        }
    }

    /** The worker is gone: what waits to be sent is failed, never left hanging. */
    private void failQueued() {
        do {
            Pending pending;
            while ((pending = toSend.poll()) != null) {
                pending.receipt().completeExceptionally(explain.apply(new IllegalStateException("closed")));
            }
            sending.set(false);
        } while (!toSend.isEmpty() && sending.compareAndSet(false, true));
    }
}
