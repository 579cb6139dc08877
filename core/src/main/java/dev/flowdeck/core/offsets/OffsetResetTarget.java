package dev.flowdeck.core.offsets;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Where a consumer group's committed offsets are to be moved. */
public sealed interface OffsetResetTarget {

    Earliest EARLIEST = new Earliest();
    Latest LATEST = new Latest();

    /** How the audit log and the dialog say it: "to the earliest offsets". */
    String describe();

    /** The oldest record each partition still holds: the group reads everything again. */
    record Earliest() implements OffsetResetTarget {
        @Override
        public String describe() {
            return "to the earliest offsets";
        }
    }

    /** The end of each partition: the group skips everything waiting. */
    record Latest() implements OffsetResetTarget {
        @Override
        public String describe() {
            return "to the latest offsets";
        }
    }

    /**
     * The first record written at or after {@code at} on each partition; a partition with nothing that recent goes
     * to its end.
     */
    record AtTime(Instant at) implements OffsetResetTarget {
        public AtTime {
            Objects.requireNonNull(at, "at");
        }

        @Override
        public String describe() {
            return "to the first records at or after " + at;
        }
    }

    /** Exactly these offsets, on exactly these partitions (the group's other partitions stay where they are). */
    record Offsets(Map<PartitionId, Long> offsets) implements OffsetResetTarget {
        public Offsets {
            if (offsets.isEmpty()) {
                throw new IllegalArgumentException("Name at least one partition and its offset.");
            }
            offsets.forEach((partition, offset) -> {
                if (offset < 0) {
                    throw new IllegalArgumentException("An offset is not negative: " + partition.label() + " has "
                            + offset + ".");
                }
            });
            offsets = Map.copyOf(offsets);
        }

        @Override
        public String describe() {
            return "to given offsets";
        }

        /** The offsets sorted by partition. */
        public Map<PartitionId, Long> sorted() {
            return new TreeMap<>(offsets);
        }
    }
}
