package dev.flowdeck.core.lag;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Writes a group's samples step by step: one partition, a sample every 5 s, committed and end offsets given. */
final class GroupScript {

    static final Instant START = Instant.parse("2026-11-27T08:00:00Z");
    static final Duration STEP = Duration.ofSeconds(5);

    private final String group;
    private final List<GroupSample> samples = new ArrayList<>();
    private int members = 1;

    GroupScript(String group) {
        this.group = group;
    }

    GroupScript members(int count) {
        members = count;
        return this;
    }

    /** One sample with one partition per pair of (committed, end). */
    GroupScript sample(long... committedAndEnd) {
        Instant at = START.plus(STEP.multipliedBy(samples.size()));
        List<PartitionLag> partitions = new ArrayList<>();
        for (int i = 0; i < committedAndEnd.length; i += 2) {
            long committed = committedAndEnd[i];
            long end = committedAndEnd[i + 1];
            // The oldest waiting record was written 1 ms per record behind the sample, so time lag = lag in ms.
            Optional<Instant> oldest = end > committed ? Optional.of(at.minusMillis((end - committed) * 1000))
                    : Optional.empty();
            partitions.add(new PartitionLag("orders", i / 2, committed, end, oldest));
        }
        samples.add(new GroupSample(at, new ConsumerGroupLag(group, members > 0 ? "Stable" : "Empty", members,
                partitions)));
        return this;
    }

    List<GroupSample> samples() {
        return List.copyOf(samples);
    }

    LagRound round(int index) {
        GroupSample sample = samples.get(index);
        return new LagRound(sample.at(), List.of(sample.lag()));
    }
}
