package dev.flowdeck.views.trace;

import dev.flowdeck.core.trace.Chain;
import dev.flowdeck.core.trace.ChainEvent;
import dev.flowdeck.core.trace.StopPoint;
import dev.flowdeck.views.common.Formats;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A chain as a timeline: a swimlane per destination, a mark per event, the hops between them labelled with their
 * latency, dead letters in red with their reason, the stop point flagged on the lane never reached. A canvas, since
 * a chain may hold hundreds of events; what it draws is a {@link ChainPicture}, which tests read.
 */
final class ChainTimeline extends Region {

    static final Color DEAD = Color.web("#d9443f");
    private static final Color MARK = Color.web("#4c9be8");
    private static final Color STOP = Color.web("#e0a030");
    private static final Color INK = Color.web("#8a8a8a");
    private static final Color SELECTED = Color.web("#f0c040");

    private final Canvas canvas = new Canvas();
    private Chain chain;
    private StopPoint stop;
    private ChainEvent selected;
    private ChainPicture picture = ChainPicture.EMPTY;
    private TimelineZoom zoom = TimelineZoom.ALL;

    /**
     * @param onSelect told the event clicked
     * @param onOpen   told the event double-clicked
     */
    ChainTimeline(Consumer<ChainEvent> onSelect, Consumer<ChainEvent> onOpen) {
        setId("chain-timeline");
        getChildren().add(canvas);
        setMinSize(300, 120);
        setPrefSize(700, 320);
        canvas.setOnMouseClicked(event -> {
            requestFocus();
            picture.at(event.getX(), event.getY()).ifPresentOrElse(hit -> {
                onSelect.accept(hit);
                if (event.getClickCount() == 2) {
                    onOpen.accept(hit);
                }
            }, () -> {
                if (event.getClickCount() == 2) {
                    zoomTo(TimelineZoom.ALL); // a double-click beside the marks shows the whole chain again
                }
            });
        });
        // The wheel zooms around the pointer; + and - around the middle, arrows pan, 0 shows it all.
        setOnScroll(event -> {
            if (event.getDeltaY() != 0) {
                double at = (event.getX() - ChainPicture.LEFT) / plotWidth();
                zoomTo(event.getDeltaY() > 0 ? zoom.in(at) : zoom.out(at));
                event.consume();
            }
        });
        setFocusTraversable(true);
        setOnKeyPressed(event -> {
            TimelineZoom next = switch (event.getCode()) {
                case PLUS, EQUALS, ADD -> zoom.in(0.5);
                case MINUS, SUBTRACT -> zoom.out(0.5);
                case LEFT -> zoom.pan(-0.25);
                case RIGHT -> zoom.pan(0.25);
                case DIGIT0, NUMPAD0 -> TimelineZoom.ALL;
                default -> null;
            };
            if (next != null) {
                zoomTo(next);
                event.consume();
            }
        });
    }

    void zoomTo(TimelineZoom next) {
        zoom = next;
        draw();
    }

    TimelineZoom zoom() {
        return zoom;
    }

    private double plotWidth() {
        return Math.max(1, getWidth() - ChainPicture.LEFT - ChainPicture.RIGHT);
    }

    void show(Chain shown, StopPoint stopPoint) {
        if (shown != chain) {
            zoom = TimelineZoom.ALL; // another chain: its whole span first
        }
        chain = shown;
        stop = stopPoint;
        draw();
    }

    void select(ChainEvent event) {
        selected = event;
        draw();
    }

    /** What is drawn now. */
    ChainPicture picture() {
        return picture;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        g.setFont(Font.font(12));
        if (chain == null) {
            picture = ChainPicture.EMPTY;
            g.setFill(INK);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText("Search a trace id or a business key to see its chain.", getWidth() / 2, getHeight() / 2);
            return;
        }
        picture = ChainPicture.of(chain, stop, getWidth(), getHeight(), zoom);
        drawLanes(g);
        g.save();
        g.beginPath(); // marks zoomed out of the plot are not drawn over the lane names
        g.rect(ChainPicture.LEFT - 8, 0, plotWidth() + 16 + ChainPicture.RIGHT, getHeight());
        g.clip();
        drawHops(g);
        drawMarks(g);
        picture.stop().ifPresent(flag -> drawStop(g, flag));
        g.restore();
        g.setFill(INK);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        long spanMillis = chain.span().toMillis();
        g.fillText(Formats.timestamp(chain.first().timestamp().plusMillis(Math.round(zoom.start() * spanMillis)))
                + (zoom.isAll() ? "" : "   (zoomed: 0 shows it all)"), ChainPicture.LEFT, getHeight() - 6);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText("+" + Formats.duration(java.time.Duration.ofMillis(Math.round(zoom.width() * spanMillis))),
                getWidth() - ChainPicture.RIGHT, getHeight() - 6);
    }

    private void drawLanes(GraphicsContext g) {
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        for (ChainPicture.Lane lane : picture.lanes()) {
            g.setStroke(INK.deriveColor(0, 1, 1, 0.35));
            g.setLineDashes(lane.expected() ? new double[] {4, 4} : null);
            g.strokeLine(ChainPicture.LEFT, lane.middle(), getWidth() - ChainPicture.RIGHT, lane.middle());
            g.setLineDashes(null);
            g.setFill(lane.deadLetter() ? DEAD : lane.expected() ? STOP : INK);
            g.fillText(lane.destination(), 8, lane.middle(), ChainPicture.LEFT - 16);
        }
    }

    private void drawHops(GraphicsContext g) {
        var marks = picture.marks();
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.BOTTOM);
        for (int i = 0; i < picture.hops().size(); i++) {
            ChainPicture.HopLabel hop = picture.hops().get(i);
            g.setStroke(hop.intoDeadLetter() ? DEAD : MARK.deriveColor(0, 1, 1, 0.6));
            g.setLineWidth(1.4);
            g.strokeLine(marks.get(i).x(), marks.get(i).y(), marks.get(i + 1).x(), marks.get(i + 1).y());
            g.setFill(hop.intoDeadLetter() ? DEAD : INK);
            g.fillText(hop.text(), hop.x(), hop.y() - 4);
        }
        g.setLineWidth(1);
    }

    private void drawMarks(GraphicsContext g) {
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        for (ChainPicture.Mark mark : picture.marks()) {
            ChainEvent event = mark.event();
            double r = 6;
            if (event.equals(selected)) {
                g.setFill(SELECTED);
                g.fillOval(mark.x() - r - 3, mark.y() - r - 3, 2 * r + 6, 2 * r + 6);
            }
            g.setFill(event.deadLetter() ? DEAD : MARK);
            g.fillOval(mark.x() - r, mark.y() - r, 2 * r, 2 * r);
            if (event.deadLetter()) {
                g.fillText(reason(event), mark.x() + r + 4, mark.y() + 2);
            }
        }
    }

    private void drawStop(GraphicsContext g, ChainPicture.StopFlag flag) {
        Color colour = flag.overdue() ? DEAD : STOP;
        g.setStroke(colour);
        g.setLineDashes(4, 4);
        g.strokeLine(flag.x(), picture.marks().stream().filter(m -> m.x() == flag.x()).findFirst()
                .map(ChainPicture.Mark::y).orElse(flag.y()), flag.x(), flag.y());
        g.setLineDashes(null);
        g.setFill(colour);
        g.fillPolygon(new double[] {flag.x(), flag.x() + 10, flag.x()},
                new double[] {flag.y() - 12, flag.y() - 7, flag.y() - 2}, 3);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(flag.text(), flag.x() + 14, flag.y() - 7);
    }

    /** The reason a dead letter gives, as short as an operator scans it: the cause's simple name first. */
    static String reason(ChainEvent event) {
        return event.reason().map(r -> simple(r.cause().isEmpty() ? r.exception() : r.cause())
                + (r.cause().isEmpty() ? "" : " (in " + simple(r.exception()) + ")"))
                .orElse("dead-lettered, no reason given");
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    Optional<ChainEvent> selected() {
        return Optional.ofNullable(selected);
    }
}
