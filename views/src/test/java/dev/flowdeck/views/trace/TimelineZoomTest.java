package dev.flowdeck.views.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.flowdeck.core.trace.Chain;
import dev.flowdeck.core.trace.ChainEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimelineZoomTest {

    @Test
    void zoomingInKeepsThePointUnderThePointerWhereItIs() {
        TimelineZoom zoomed = TimelineZoom.ALL.in(0.25);

        assertThat(zoomed.width()).isCloseTo(0.5, within(1e-9));
        assertThat(zoomed.place(0.25)).as("the span's quarter point stays a quarter into the view")
                .isCloseTo(0.25, within(1e-9));
        assertThat(zoomed.out(0.25)).isEqualTo(TimelineZoom.ALL);
    }

    @Test
    void neverLeavesTheSpanNorNarrowsBelowAThousandthOfIt() {
        TimelineZoom nearTheEnd = TimelineZoom.ALL.in(1).in(1);
        assertThat(nearTheEnd.end()).isEqualTo(1);
        assertThat(nearTheEnd.pan(3)).as("panned past the end").isEqualTo(nearTheEnd);
        assertThat(nearTheEnd.pan(-10).start()).isZero();

        TimelineZoom narrow = TimelineZoom.ALL;
        for (int i = 0; i < 30; i++) {
            narrow = narrow.in(0.5);
        }
        assertThat(narrow.width()).isCloseTo(0.001, within(1e-9));
        assertThat(TimelineZoom.ALL.out(0.5)).isEqualTo(TimelineZoom.ALL);
    }

    @Test
    void aPictureZoomedOnTheFirstHopSpreadsItAndLeavesTheLaterEventBeyondThePlot() {
        Instant t0 = Instant.parse("2026-11-27T10:00:00Z");
        var chain = new Chain(List.of(event("orders", t0), event("payments", t0.plusMillis(10)),
                event("shipments", t0.plusSeconds(10))));
        double width = 1_000;
        double plot = width - ChainPicture.LEFT - ChainPicture.RIGHT;

        ChainPicture all = ChainPicture.of(chain, null, width, 300);
        assertThat(all.marks().get(1).x() - all.marks().get(0).x()).as("10 ms of 10 s: about a pixel apart")
                .isLessThan(1.0);

        var firstHop = new TimelineZoom(0, 0.002); // the first 20 ms
        ChainPicture zoomed = ChainPicture.of(chain, null, width, 300, firstHop);
        assertThat(zoomed.marks().get(0).x()).isEqualTo(ChainPicture.LEFT);
        assertThat(zoomed.marks().get(1).x()).isCloseTo(ChainPicture.LEFT + plot / 2, within(0.5));
        ChainPicture.Mark later = zoomed.marks().get(2);
        assertThat(later.x()).isGreaterThan(width);
        assertThat(zoomed.at(later.x(), later.y())).as("nothing to click out there").isEmpty();
        assertThat(zoomed.at(zoomed.marks().get(1).x(), zoomed.marks().get(1).y()))
                .hasValueSatisfying(hit -> assertThat(hit.destination()).isEqualTo("payments"));
    }

    private static ChainEvent event(String destination, Instant at) {
        return new ChainEvent(destination, 0, 1, at, Optional.of("0af7651916cd43dd8448eb211c80319c"), false,
                Optional.empty());
    }
}
