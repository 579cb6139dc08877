package dev.flowdeck.cli;

import dev.flowdeck.core.broker.BrokerKind;
import dev.flowdeck.core.browse.StartPosition;
import dev.flowdeck.core.browse.TimeExpression;
import dev.flowdeck.core.filter.MessageFilter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Where a read starts and ends, and which partitions it reads. */
final class PositionOptions {

    @Option(names = "--from-beginning", description = "Start at the oldest message still held (the default).")
    boolean fromBeginning;

    @Option(names = "--last", paramLabel = "N", description = "Start so that the newest N messages are read "
            + "(spread over the partitions by what each holds).")
    Long last;

    @Option(names = "--offset", paramLabel = "N", description = "Start at this offset in every partition read.")
    Long offset;

    @Option(names = "--since", paramLabel = "TIME", converter = TimeConverter.class,
            description = "Only messages from TIME on: an instant (2026-05-01T09:30:00Z) or an age (15m, 2h, 3d). "
                    + "On Kafka the read also starts there.")
    TimeExpression since;

    @Option(names = "--until", paramLabel = "TIME", converter = TimeConverter.class,
            description = "Only messages before TIME (same forms as --since).")
    TimeExpression until;

    @Option(names = {"-f", "--follow"}, description = "Keep reading new messages as they arrive, until Ctrl-C.")
    boolean follow;

    @Option(names = {"-p", "--partition"}, split = ",", paramLabel = "N",
            description = "Read only these partitions (Kafka), e.g. 0,2.")
    List<Integer> partitions = new ArrayList<>();

    /**
     * @throws UsageException when the options contradict each other
     */
    void validate() {
        int starts = (fromBeginning ? 1 : 0) + (last != null ? 1 : 0) + (offset != null ? 1 : 0);
        if (starts > 1) {
            throw new UsageException("Choose one start: --from-beginning, --last N or --offset N.");
        }
        if (last != null && last <= 0) {
            throw new UsageException("--last needs a positive number of messages, not " + last + ".");
        }
        if (offset != null && offset < 0) {
            throw new UsageException("--offset needs an offset of 0 or more, not " + offset + ".");
        }
        if (partitions.stream().anyMatch(p -> p < 0)) {
            throw new UsageException("Partitions are numbered from 0: " + partitions + " has a negative one.");
        }
        if (follow && until != null) {
            throw new UsageException("--follow reads on without end; --until ends a range. Use one of them.");
        }
    }

    /** Whether a time range narrows the read (it counts as a filter for search). */
    boolean hasTimeRange() {
        return since != null || until != null;
    }

    /**
     * --since and --until as instants, read once on {@code clock} when the command starts, so the Kafka seek and the
     * filter's lower bound are the same instant: two readings of a ticking clock would skip what came between.
     *
     * @throws UsageException when the range is empty
     */
    TimeWindow window(Clock clock) {
        Clock once = Clock.fixed(clock.instant(), clock.getZone());
        Instant from = since == null ? null : since.resolve(once);
        Instant to = until == null ? null : until.resolve(once);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new UsageException("--since " + from + " is not before --until " + to + ": the range is empty.");
        }
        return new TimeWindow(from, to);
    }

    /**
     * Where each partition's read starts. With --since and no other start, a Kafka read seeks to that time;
     * RabbitMQ queues can only be read from their head, so there --since only filters.
     */
    StartPosition start(BrokerKind kind, TimeWindow window) {
        if (last != null) {
            return new StartPosition.LastN(last);
        }
        if (offset != null) {
            return new StartPosition.Offset(offset);
        }
        if (window.from() != null && !fromBeginning && kind == BrokerKind.KAFKA) {
            return new StartPosition.Timestamp(window.from());
        }
        return new StartPosition.Earliest();
    }

    /** --since and --until resolved: either may be null for open. */
    record TimeWindow(Instant from, Instant to) {

        /** The range as a filter, when there is one. */
        Optional<MessageFilter> filter() {
            return from == null && to == null ? Optional.empty() : Optional.of(new MessageFilter.TimeRange(from, to));
        }
    }

    Set<Integer> partitionSet() {
        return new HashSet<>(partitions);
    }

    /** Reads --since and --until; a wrong one is a usage error saying which forms there are. */
    static final class TimeConverter implements ITypeConverter<TimeExpression> {
        @Override
        public TimeExpression convert(String value) {
            try {
                return TimeExpression.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
