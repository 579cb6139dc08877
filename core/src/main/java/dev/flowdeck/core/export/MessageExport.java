package dev.flowdeck.core.export;

import dev.flowdeck.core.browse.BrowsedMessage;

/**
 * A stream of messages being written out in one format. Each message reaches the underlying stream when
 * {@link #write} returns (it is flushed), so a reader sees it at once and a cancelled export keeps everything
 * written so far. Not thread-safe: one thread writes.
 *
 * <p>Failures to write are {@link java.io.UncheckedIOException}s.
 */
public interface MessageExport extends AutoCloseable {

    /** Writes one message and flushes it. */
    void write(BrowsedMessage message);

    /** Messages written so far. */
    long written();

    /** Flushes and closes the stream the export was given. */
    @Override
    void close();
}
