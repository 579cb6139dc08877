package dev.flowdeck.core.lag;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Judges a group from a window of its samples, after Burrow's rules rather than a lag threshold: a lag number
 * alone cannot tell a busy consumer from a stuck one.
 *
 * <ul>
 *   <li>STOPPED: no members while records wait.</li>
 *   <li>STALLED: some partition's committed offset did not move across a full window while records waited there
 *       in every sample.</li>
 *   <li>REWINDING: a committed offset moved backwards within the window.</li>
 *   <li>WARNING: some partition's lag never fell across a full window, was never zero in it, ended higher than
 *       it began, and its committed offset moved (it is consuming, only too slowly).</li>
 *   <li>OK: anything else, including a group catching up.</li>
 * </ul>
 *
 * A window is full once its samples span at least {@value #FULL_SHARE_PERCENT}% of the window's length and number
 * at least three: until then only STOPPED and REWINDING, which one sample pair proves, are reported. When rounds
 * were missed and fewer than three samples fall in the window, the last three are judged, however old.
 */
public final class LagEvaluator {

    static final int FULL_SHARE_PERCENT = 80;
    static final int MIN_SAMPLES = 3;

    private final Duration window;

    public LagEvaluator(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the window must be positive, was " + window);
        }
        this.window = window;
    }

    public Duration window() {
        return window;
    }

    /**
     * @param samples one group's samples, oldest first; those older than the window before the newest are ignored
     * @throws IllegalArgumentException when there is no sample
     */
    public GroupVerdict evaluate(List<GroupSample> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("a verdict needs at least one sample");
        }
        GroupSample newest = samples.getLast();
        Instant from = newest.at().minus(window);
        List<GroupSample> inWindow = samples.stream().filter(sample -> !sample.at().isBefore(from)).toList();
        if (inWindow.size() < MIN_SAMPLES) {
            // Rounds were missed (a slow broker, a busy machine): judge by the last few samples however old, so a
            // gap in the evidence does not read as a recovery.
            inWindow = samples.subList(Math.max(0, samples.size() - MIN_SAMPLES), samples.size());
        }
        Duration span = Duration.between(inWindow.getFirst().at(), newest.at());
        boolean full = inWindow.size() >= MIN_SAMPLES
                && span.toMillis() * 100 >= window.toMillis() * FULL_SHARE_PERCENT;

        Map<String, PartitionHistory> all = histories(inWindow);
        // Judge only the partitions the group still has: one it stopped committing to is not a stall.
        List<PartitionHistory> histories = newest.lag().partitions().stream()
                .map(partition -> all.get(partition.label())).toList();
        Instant windowStart = inWindow.getFirst().at();
        histories.forEach(history -> history.judgedFrom(windowStart));
        List<PartitionVerdict> partitions = histories.stream()
                .map(history -> history.verdict(newest.at(), span, full)).toList();
        ConsumerGroupLag group = newest.lag();
        Optional<Duration> timeLag = group.maxTimeLag(newest.at());
        Trend trend = partitions.stream().map(PartitionVerdict::trend)
                .max(Comparator.comparingInt(LagEvaluator::severity)).orElse(Trend.STEADY);
        Optional<Duration> catchUp = catchUp(partitions);

        GroupStatus status;
        String explanation;
        List<PartitionHistory> rewound = histories.stream().filter(PartitionHistory::rewound).toList();
        List<PartitionHistory> stalled = histories.stream().filter(h -> h.stalled(full)).toList();
        List<PartitionHistory> behind = histories.stream().filter(h -> h.fallingBehind(full)).toList();
        if (group.members() == 0 && group.totalLag() > 0) {
            status = GroupStatus.STOPPED;
            explanation = "No consumers while " + (group.totalLag() == 1 ? "1 message waits"
                    : Spoken.count(group.totalLag()) + " messages wait")
                    + timeLag.map(age -> " (the oldest for " + Spoken.span(age) + ")").orElse("");
        } else if (!stalled.isEmpty()) {
            status = GroupStatus.STALLED;
            explanation = "Offsets unchanged for " + Spoken.span(span) + " on " + labels(stalled, histories)
                    + " while lag " + change(sum(stalled, true), sum(stalled, false));
        } else if (!rewound.isEmpty()) {
            status = GroupStatus.REWINDING;
            PartitionHistory first = rewound.getFirst();
            explanation = "Offsets moved back on " + labels(rewound, histories) + " (" + first.label() + " from "
                    + Spoken.count(first.rewoundFrom) + " to " + Spoken.count(first.rewoundTo) + ")";
        } else if (!behind.isEmpty()) {
            status = GroupStatus.WARNING;
            double consumed = behind.stream().mapToDouble(h -> h.consumedRate(span)).sum();
            double produced = behind.stream().mapToDouble(h -> h.producedRate(span)).sum();
            explanation = "Lag " + change(sum(behind, true), sum(behind, false)) + " in " + Spoken.span(span)
                    + " on " + labels(behind, histories) + ": consuming " + Spoken.rate(consumed) + " while "
                    + Spoken.rate(produced) + " arrive";
        } else {
            status = GroupStatus.OK;
            explanation = okExplanation(group, inWindow, span, catchUp, full);
        }
        return new GroupVerdict(group, newest.at(), status, explanation, trend, timeLag, catchUp, partitions);
    }

    private String okExplanation(ConsumerGroupLag group, List<GroupSample> inWindow, Duration span,
                                 Optional<Duration> catchUp, boolean full) {
        long first = inWindow.getFirst().lag().totalLag();
        long last = group.totalLag();
        String sentence;
        if (last == 0) {
            sentence = "Caught up";
        } else if (last < first) {
            sentence = "Catching up: lag fell from " + Spoken.count(first) + " to " + Spoken.count(last) + " in "
                    + Spoken.span(span) + catchUp.map(eta -> "; clear in about " + Spoken.span(eta)).orElse("");
        } else {
            sentence = "Keeping up with " + Spoken.count(last) + " in flight";
        }
        return full ? sentence : sentence + " (watching: " + inWindow.size() + (inWindow.size() == 1 ? " sample over " : " samples over ")
                + Spoken.span(span) + " of a " + Spoken.span(window) + " window)";
    }

    /** Every partition must catch up, so the group's time is the slowest partition's; unknown if one never does. */
    private static Optional<Duration> catchUp(List<PartitionVerdict> partitions) {
        Duration slowest = Duration.ZERO;
        for (PartitionVerdict partition : partitions) {
            if (partition.lag() == 0) {
                continue;
            }
            if (partition.catchUp().isEmpty()) {
                return Optional.empty();
            }
            slowest = partition.catchUp().get().compareTo(slowest) > 0 ? partition.catchUp().get() : slowest;
        }
        return Optional.of(slowest);
    }

    private static int severity(Trend trend) {
        return switch (trend) {
            case STEADY -> 0;
            case CATCHING_UP -> 1;
            case FALLING_BEHIND -> 2;
            case STALLED -> 3;
        };
    }

    private static String change(long from, long to) {
        if (to > from) {
            return "rose from " + Spoken.count(from) + " to " + Spoken.count(to);
        }
        if (to < from) {
            return "fell from " + Spoken.count(from) + " to " + Spoken.count(to);
        }
        return "stayed at " + Spoken.count(to);
    }

    private static long sum(List<PartitionHistory> histories, boolean first) {
        return histories.stream().mapToLong(h -> first ? h.lags.getFirst() : h.lags.getLast()).sum();
    }

    /** "payments-0, payments-1 (2 of 3 partitions)", or "all 3 partitions", keeping long lists short. */
    private static String labels(List<PartitionHistory> chosen, List<PartitionHistory> all) {
        if (chosen.size() == all.size() && all.size() > 1) {
            return "all " + all.size() + " partitions";
        }
        String names = String.join(", ", chosen.stream().limit(3).map(PartitionHistory::label).toList())
                + (chosen.size() > 3 ? " and " + (chosen.size() - 3) + " more" : "");
        return all.size() > 1 ? names + " (" + chosen.size() + " of " + all.size() + " partitions)" : names;
    }

    private static Map<String, PartitionHistory> histories(List<GroupSample> samples) {
        Map<String, PartitionHistory> byPartition = new LinkedHashMap<>();
        for (GroupSample sample : samples) {
            for (PartitionLag partition : sample.lag().partitions()) {
                byPartition.computeIfAbsent(partition.label(), label -> new PartitionHistory(partition))
                        .add(sample.at(), partition);
            }
        }
        return byPartition;
    }

    /** One partition's committed offsets, end offsets and lag across the window, oldest first. */
    private static final class PartitionHistory {
        private final String topic;
        private final int partition;
        private final List<Instant> times = new ArrayList<>();
        private final List<Long> committed = new ArrayList<>();
        private final List<Long> ends = new ArrayList<>();
        private final List<Long> lags = new ArrayList<>();
        private long rewoundFrom = -1;
        private long rewoundTo = -1;
        private PartitionLag latest;
        private Instant windowStart;

        PartitionHistory(PartitionLag first) {
            this.topic = first.topic();
            this.partition = first.partition();
        }

        void add(Instant at, PartitionLag sample) {
            if (!committed.isEmpty() && committed.getLast() >= 0 && sample.committed() >= 0
                    && sample.committed() < committed.getLast()) {
                rewoundFrom = committed.getLast();
                rewoundTo = sample.committed();
            }
            latest = sample;
            times.add(at);
            committed.add(sample.committed());
            ends.add(sample.end());
            lags.add(sample.lag());
        }

        void judgedFrom(Instant windowStart) {
            this.windowStart = windowStart;
        }

        String label() {
            return topic + "-" + partition;
        }

        boolean rewound() {
            return rewoundFrom >= 0;
        }

        /** Covers the window (it was there from the window's start) and its committed offset never moved. */
        boolean stalled(boolean full) {
            return full && coversWindow() && lags.stream().allMatch(lag -> lag > 0)
                    && committed.stream().distinct().count() == 1;
        }

        /** Lag that touched zero in the window is a consumer keeping up with bursts, as Burrow also reads it. */
        boolean fallingBehind(boolean full) {
            if (!full || !coversWindow() || lags.getLast() <= lags.getFirst() || !moved()
                    || lags.stream().anyMatch(lag -> lag == 0)) {
                return false;
            }
            for (int i = 1; i < lags.size(); i++) {
                if (lags.get(i) < lags.get(i - 1)) {
                    return false;
                }
            }
            return true;
        }

        /** It was there from the window's first sample on, so the whole window speaks for it. */
        private boolean coversWindow() {
            return times.size() >= MIN_SAMPLES && times.getFirst().equals(windowStart);
        }

        private boolean moved() {
            return !Objects.equals(committed.getFirst(), committed.getLast());
        }

        double consumedRate(Duration span) {
            return perSecond(committed.getFirst() < 0 ? 0 : committed.getLast() - committed.getFirst(), span);
        }

        double producedRate(Duration span) {
            return perSecond(ends.getLast() - ends.getFirst(), span);
        }

        private static double perSecond(long delta, Duration span) {
            return span.isZero() ? 0 : Math.max(0, delta) * 1000.0 / span.toMillis();
        }

        PartitionVerdict verdict(Instant now, Duration span, boolean full) {
            long lag = lags.getLast();
            Trend trend;
            if (stalled(full)) {
                trend = Trend.STALLED;
            } else if (lag == 0 || lags.size() < 2) {
                trend = Trend.STEADY;
            } else if (lag < lags.getFirst()) {
                trend = Trend.CATCHING_UP;
            } else if (lag > lags.getFirst()) {
                trend = Trend.FALLING_BEHIND;
            } else {
                trend = Trend.STEADY;
            }
            double consumed = consumedRate(span);
            double produced = producedRate(span);
            Optional<Duration> catchUp = Optional.empty();
            if (lag == 0) {
                catchUp = Optional.of(Duration.ZERO);
            } else if (consumed > produced) {
                catchUp = Optional.of(Duration.ofMillis(Math.round(lag * 1000.0 / (consumed - produced))));
            }
            return new PartitionVerdict(latest, lag, latest.timeLag(now), trend, catchUp, consumed, produced);
        }
    }
}
