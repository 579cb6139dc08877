package dev.flowdeck.views.trace;

import dev.flowdeck.core.trace.Chain;
import dev.flowdeck.core.trace.ChainEvent;
import dev.flowdeck.core.trace.Hop;
import dev.flowdeck.core.trace.StopPoint;
import dev.flowdeck.views.common.Formats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where everything of a chain's timeline goes, computed apart from the canvas so a test can read what is drawn:
 * a lane per destination in the order the chain reached them (its own flow order), a mark per event at its time,
 * a label per hop with its latency, and the stop point as a flag on the lane the chain never reached.
 */
record ChainPicture(List<Lane> lanes, List<Mark> marks, List<HopLabel> hops, Optional<StopFlag> stop, double plotEnd) {

    static final double LEFT = 160;
    static final double RIGHT = 40;
    static final double TOP = 16;
    static final double BOTTOM = 28;
    static final double MAX_LANE = 64;
    static final double HIT = 9;

    static final ChainPicture EMPTY = new ChainPicture(List.of(), List.of(), List.of(), Optional.empty(), 0);

    /** A swimlane; {@code expected} is the one the chain should have reached next and never did. */
    record Lane(String destination, double top, double height, boolean deadLetter, boolean expected) {
        double middle() {
            return top + height / 2;
        }
    }

    record Mark(ChainEvent event, double x, double y) {
    }

    /** A hop's latency, halfway along it. */
    record HopLabel(String text, double x, double y, boolean intoDeadLetter) {
    }

    record StopFlag(String text, double x, double y, boolean overdue) {
    }

    static ChainPicture of(Chain chain, StopPoint stop, double width, double height) {
        return of(chain, stop, width, height, TimelineZoom.ALL);
    }

    /** The chain drawn with {@code zoom}'s stretch of its span across the plot; marks outside it fall beyond. */
    static ChainPicture of(Chain chain, StopPoint stop, double width, double height, TimelineZoom zoom) {
        Map<String, Boolean> order = new LinkedHashMap<>();
        chain.events().forEach(event -> order.putIfAbsent(event.destination(), event.deadLetter()));
        boolean expectedLane = stop != null && !order.containsKey(stop.expectedNext());
        int count = order.size() + (expectedLane ? 1 : 0);
        double laneHeight = Math.min(MAX_LANE, Math.max(1, height - TOP - BOTTOM) / count);

        List<Lane> lanes = new ArrayList<>();
        Map<String, Lane> byName = new LinkedHashMap<>();
        order.forEach((name, dead) -> {
            var lane = new Lane(name, TOP + lanes.size() * laneHeight, laneHeight, dead, false);
            lanes.add(lane);
            byName.put(name, lane);
        });
        if (expectedLane) {
            lanes.add(new Lane(stop.expectedNext(), TOP + lanes.size() * laneHeight, laneHeight, false, true));
        }

        Instant from = chain.first().timestamp();
        long spanMillis = Math.max(1, chain.span().toMillis());
        double plot = Math.max(1, width - LEFT - RIGHT);
        List<Mark> marks = new ArrayList<>();
        for (ChainEvent event : chain.events()) {
            double share = chain.span().isZero() ? 0.5
                    : Duration.between(from, event.timestamp()).toMillis() / (double) spanMillis;
            marks.add(new Mark(event, LEFT + zoom.place(share) * plot, byName.get(event.destination()).middle()));
        }
        List<HopLabel> hops = new ArrayList<>();
        List<Hop> chainHops = chain.hops();
        for (int i = 0; i < chainHops.size(); i++) {
            Mark a = marks.get(i);
            Mark b = marks.get(i + 1);
            hops.add(new HopLabel(Formats.duration(chainHops.get(i).latency()), (a.x() + b.x()) / 2,
                    (a.y() + b.y()) / 2, chainHops.get(i).intoDeadLetter()));
        }
        Optional<StopFlag> flag = Optional.ofNullable(stop).map(s -> {
            Lane target = lanes.stream().filter(lane -> lane.destination().equals(s.expectedNext())).findFirst()
                    .orElseThrow();
            Mark last = marks.stream().filter(mark -> mark.event().destination().equals(s.stoppedAt()))
                    .reduce((first, second) -> second).orElse(marks.getLast());
            String text = "expected next: " + s.expectedNext() + ", never came"
                    + (s.overdue() ? " (" + Formats.duration(s.waited()) + " since)"
                    : " yet (may still be on its way)");
            return new StopFlag(text, last.x(), target.middle(), s.overdue());
        });
        return new ChainPicture(List.copyOf(lanes), List.copyOf(marks), List.copyOf(hops), flag, LEFT + plot);
    }

    /** The event whose mark is under the pointer, if one is (a mark zoomed out of the plot is under none). */
    Optional<ChainEvent> at(double x, double y) {
        return marks.stream().filter(mark -> Math.hypot(mark.x() - x, mark.y() - y) <= HIT
                        && mark.x() >= LEFT - HIT && mark.x() <= plotEnd + HIT)
                .min((a, b) -> Double.compare(Math.hypot(a.x() - x, a.y() - y), Math.hypot(b.x() - x, b.y() - y)))
                .map(Mark::event);
    }
}
