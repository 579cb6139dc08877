package dev.flowdeck.core.lag;

import java.time.Instant;
import java.util.List;

/**
 * Where sampling rounds outlive the session. Implementations keep a retention window and drop what is older; they
 * are called from the sampling thread (appends) and from chart loads (reads), possibly at once.
 *
 * <p>Failures are {@link java.io.UncheckedIOException}s: a history that cannot be written must not stop the
 * sampling, so callers log them and go on.
 */
public interface LagHistoryStore extends AutoCloseable {

    void append(LagRound round);

    /** Every stored round with {@code from <= at < to}, oldest first. */
    List<LagRound> rounds(Instant from, Instant to);

    /** One group's samples with {@code from <= at < to}, oldest first; rounds without the group are skipped. */
    List<GroupSample> samples(String group, Instant from, Instant to);

    @Override
    void close();

    /** Keeps nothing: for a session that asked not to persist. */
    static LagHistoryStore none() {
        return new LagHistoryStore() {
            @Override
            public void append(LagRound round) {
            }

            @Override
            public List<LagRound> rounds(Instant from, Instant to) {
                return List.of();
            }

            @Override
            public List<GroupSample> samples(String group, Instant from, Instant to) {
                return List.of();
            }

            @Override
            public void close() {
            }
        };
    }
}
