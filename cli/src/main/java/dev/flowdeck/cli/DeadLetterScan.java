package dev.flowdeck.cli;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.deadletter.DeadLetter;
import dev.flowdeck.core.deadletter.DeadLetterDecoder;
import dev.flowdeck.core.deadletter.DeadLetterGroup;
import java.io.PrintStream;
import java.util.function.Predicate;

/**
 * Reads a dead-letter destination once from its beginning with the streaming browse {@code search} uses, and hands
 * each message, decoded, to the caller on the command's thread: nothing is kept here, so memory stays bounded
 * whatever the destination holds. Ctrl-C ends the read as if the destination had ended.
 */
final class DeadLetterScan {

    /** One dead letter as read: the message (what a replay sends back) and what its headers say. */
    record Letter(BrowsedMessage message, DeadLetter deadLetter) {

        String groupId() {
            return DeadLetterGroup.idOf(deadLetter);
        }
    }

    private final BrowseRun run = new BrowseRun();
    private long scanned;

    /** Ends the read from another thread (Ctrl-C). */
    void stop() {
        run.stop();
    }

    long scanned() {
        return scanned;
    }

    /**
     * Reads until the destination ends or {@code each} returns false.
     *
     * @throws dev.flowdeck.core.broker.BrokerException what the browse failed with
     */
    void read(BrokerConnection connection, String destination, DeadLetterDecoder decoder, ProgressLine progress,
              PrintStream err, Predicate<Letter> each) throws InterruptedException {
        long[] kept = {0};
        run.run(connection.browse(BrowseRequest.fromBeginning(destination)), batch -> {
            progress.clear();
            batch.notes().forEach(note -> err.println("Note: " + note));
            for (BrowsedMessage message : batch.messages()) {
                kept[0]++;
                if (!each.test(new Letter(message, decoder.decode(message)))) {
                    return false;
                }
            }
            scanned = batch.scanned();
            progress.show(scanned, kept[0], batch.total());
            return true;
        });
    }
}
