package dev.flowdeck.views.lag;

import dev.flowdeck.views.common.Formats;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The history of one group: its total and one line per partition, drawn on a canvas because a day of samples per
 * partition is more than a node-per-point chart can carry. Scroll to zoom around the pointer, drag to pan,
 * double-click to see everything again; hovering shows the values at that moment.
 */
public final class LagChart extends Region {

    private static final Color[] PALETTE = {
        Color.web("#4c9be8"), Color.web("#e8a33c"), Color.web("#5cb85c"), Color.web("#d9534f"),
        Color.web("#9b6fd6"), Color.web("#3bb5b0"), Color.web("#e07bb5"), Color.web("#a3a34a")};
    private static final Color TOTAL = Color.web("#888888");
    private static final Color INK = Color.web("#8a8a8a");
    private static final int LEGEND_LINES = 8;
    private static final double LEFT = 64;
    private static final double RIGHT = 16;
    private static final double TOP = 12;
    private static final double BOTTOM = 26;
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Canvas canvas = new Canvas();
    private final ObservableList<LagSeries> series;
    private final ObservableValue<ChartMetric> metric;
    private String emptyText = "Select a group to see its history.";
    /** The visible time range while zoomed; both MIN_VALUE when showing everything. */
    private long viewFrom = Long.MIN_VALUE;
    private long viewTo = Long.MIN_VALUE;
    private double hoverX = Double.NaN;
    private double dragStartX = Double.NaN;
    private long dragFrom;
    private long dragTo;

    public LagChart(ObservableList<LagSeries> series, ObservableValue<ChartMetric> metric) {
        this.series = series;
        this.metric = metric;
        setId("lag-chart");
        getChildren().add(canvas);
        setMinSize(200, 120);
        setPrefSize(600, 260);
        series.addListener((ListChangeListener<LagSeries>) change -> draw());
        metric.addListener((property, before, now) -> draw());
        canvas.setOnMouseMoved(event -> {
            hoverX = event.getX();
            draw();
        });
        canvas.setOnMouseExited(event -> {
            hoverX = Double.NaN;
            draw();
        });
        canvas.setOnScroll(event -> zoom(event.getDeltaY() > 0 ? 0.8 : 1.25, event.getX()));
        canvas.setOnMousePressed(event -> {
            long[] view = visibleRange();
            dragStartX = event.getX();
            dragFrom = view[0];
            dragTo = view[1];
        });
        canvas.setOnMouseDragged(event -> {
            if (Double.isNaN(dragStartX) || dragTo <= dragFrom) {
                return;
            }
            double perPixel = (dragTo - dragFrom) / plotWidth();
            long shift = Math.round((dragStartX - event.getX()) * perPixel);
            viewFrom = dragFrom + shift;
            viewTo = dragTo + shift;
            draw();
        });
        canvas.setOnMouseClicked(event -> {
            if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2) {
                showEverything();
            }
        });
    }

    /** What the chart says when it has no line to draw. */
    public void setEmptyText(String text) {
        emptyText = text;
        draw();
    }

    /** Zooms by {@code factor} (below 1 zooms in) keeping the moment under {@code x} in place. */
    public void zoom(double factor, double x) {
        long[] view = visibleRange();
        if (view[1] <= view[0]) {
            return;
        }
        double share = Math.clamp((x - LEFT) / plotWidth(), 0, 1);
        long anchor = view[0] + Math.round((view[1] - view[0]) * share);
        long span = Math.max(10_000, Math.round((view[1] - view[0]) * factor));
        viewFrom = anchor - Math.round(span * share);
        viewTo = viewFrom + span;
        draw();
    }

    public void showEverything() {
        viewFrom = Long.MIN_VALUE;
        viewTo = Long.MIN_VALUE;
        draw();
    }

    /** The visible time range, epoch milliseconds: for tests and the zoom buttons. */
    public long[] visibleRange() {
        if (viewFrom != Long.MIN_VALUE) {
            return new long[] {viewFrom, viewTo};
        }
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (LagSeries line : series) {
            if (!line.isEmpty()) {
                from = Math.min(from, line.times()[0]);
                to = Math.max(to, line.times()[line.size() - 1]);
            }
        }
        return from > to ? new long[] {0, 0} : new long[] {from, Math.max(to, from + 1_000)};
    }

    /** The text the hover box shows at {@code x}: for tests, and the same text the operator reads. */
    public List<String> valuesAt(double x) {
        long[] view = visibleRange();
        long time = view[0] + Math.round((x - LEFT) / plotWidth() * (view[1] - view[0]));
        List<String> lines = new ArrayList<>();
        LagSeries total = series.isEmpty() ? null : series.getFirst();
        if (total == null || total.isEmpty()) {
            return lines;
        }
        int at = total.nearest(time);
        lines.add(SECONDS.format(Instant.ofEpochMilli(total.times()[at]).atZone(ZoneId.systemDefault())));
        for (LagSeries line : byLastValue()) {
            int index = line.nearest(time);
            if (index >= 0) {
                lines.add(line.name() + ": " + format(line.values()[index]));
            }
            if (lines.size() > LEGEND_LINES + 1) {
                break;
            }
        }
        return lines;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    private double plotWidth() {
        return Math.max(1, getWidth() - LEFT - RIGHT);
    }

    private double plotHeight() {
        return Math.max(1, getHeight() - TOP - BOTTOM);
    }

    /** The total first, then partitions with the largest current value: what the legend and hover list. */
    private List<LagSeries> byLastValue() {
        List<LagSeries> lines = new ArrayList<>(series);
        if (lines.isEmpty()) {
            return lines;
        }
        LagSeries total = lines.removeFirst();
        lines.sort(Comparator.comparingDouble((LagSeries line) -> line.isEmpty() ? 0 : last(line)).reversed());
        lines.addFirst(total);
        return lines;
    }

    private static double last(LagSeries line) {
        double value = line.values()[line.size() - 1];
        return Double.isNaN(value) ? 0 : value;
    }

    private String format(double value) {
        if (Double.isNaN(value)) {
            return "unknown";
        }
        return metric.getValue() == ChartMetric.TIME
                ? Formats.duration(java.time.Duration.ofMillis(Math.round(value * 1000)))
                : Formats.count(Math.round(value));
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double width = getWidth();
        double height = getHeight();
        g.clearRect(0, 0, width, height);
        g.setFont(Font.font(11));
        boolean empty = series.stream().allMatch(LagSeries::isEmpty);
        if (empty) {
            g.setFill(INK);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(emptyText, width / 2, height / 2);
            return;
        }
        long[] view = visibleRange();
        double max = visibleMax(view);
        double top = niceCeiling(max);
        drawAxes(g, view, top);
        g.save();
        g.beginPath();
        g.rect(LEFT, TOP, plotWidth(), plotHeight());
        g.clip();
        for (int i = series.size() - 1; i >= 0; i--) {
            LagSeries line = series.get(i);
            g.setStroke(i == 0 ? TOTAL : PALETTE[(i - 1) % PALETTE.length]);
            g.setLineWidth(i == 0 ? 2.2 : 1.2);
            drawLine(g, line, view, top);
        }
        g.restore();
        drawLegend(g);
        drawHover(g);
    }

    private double visibleMax(long[] view) {
        double max = 0;
        for (LagSeries line : series) {
            for (int i = 0; i < line.size(); i++) {
                long t = line.times()[i];
                double v = line.values()[i];
                if (t >= view[0] && t <= view[1] && !Double.isNaN(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        return max;
    }

    private void drawLine(GraphicsContext g, LagSeries line, long[] view, double top) {
        boolean drawing = false;
        g.beginPath();
        for (int i = 0; i < line.size(); i++) {
            double v = line.values()[i];
            if (Double.isNaN(v)) {
                drawing = false; // an unknown value breaks the line
                continue;
            }
            double x = x(line.times()[i], view);
            double y = TOP + plotHeight() * (1 - v / top);
            if (drawing) {
                g.lineTo(x, y);
            } else {
                g.moveTo(x, y);
                drawing = true;
            }
        }
        g.stroke();
    }

    private double x(long time, long[] view) {
        return LEFT + (double) (time - view[0]) / Math.max(1, view[1] - view[0]) * plotWidth();
    }

    private void drawAxes(GraphicsContext g, long[] view, double top) {
        g.setStroke(INK.deriveColor(0, 1, 1, 0.35));
        g.setLineWidth(1);
        g.setFill(INK);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i <= 4; i++) {
            double value = top * i / 4;
            double y = TOP + plotHeight() * (1 - (double) i / 4);
            g.strokeLine(LEFT, y, LEFT + plotWidth(), y);
            g.fillText(format(value), LEFT - 6, y);
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        long span = view[1] - view[0];
        long step = tickStep(span, Math.clamp(plotWidth() / 110, 2, 8));
        DateTimeFormatter labels = step < 60_000 ? SECONDS : MINUTES;
        // Ticks on round local times (every 5 min at :00, :05, ...), not at arbitrary fractions of the range.
        long offset = ZoneId.systemDefault().getRules().getOffset(Instant.ofEpochMilli(view[0])).getTotalSeconds()
                * 1000L;
        long first = Math.floorDiv(view[0] + offset, step) * step + step - offset;
        for (long time = first; time <= view[1]; time += step) {
            double x = x(time, view);
            g.strokeLine(x, TOP, x, TOP + plotHeight());
            g.fillText(labels.format(Instant.ofEpochMilli(time).atZone(ZoneId.systemDefault())), x,
                    TOP + plotHeight() + 5);
        }
    }

    /** The smallest readable step that gives at most {@code ticks} ticks over {@code span} milliseconds. */
    static long tickStep(long span, double ticks) {
        long[] steps = {1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000,
            1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000};
        for (long step : steps) {
            if (span / step <= ticks) {
                return step;
            }
        }
        return steps[steps.length - 1];
    }

    private void drawLegend(GraphicsContext g) {
        List<LagSeries> lines = byLastValue();
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        double y = TOP + 8;
        int shown = 0;
        for (LagSeries line : lines) {
            if (shown == LEGEND_LINES + 1) {
                g.setFill(INK);
                g.fillText("+" + (lines.size() - shown) + " more", LEFT + 10, y);
                break;
            }
            int index = series.indexOf(line);
            g.setFill(index == 0 ? TOTAL : PALETTE[(index - 1) % PALETTE.length]);
            g.fillRect(LEFT + 10, y - 4, 10, 8);
            g.setFill(INK);
            g.fillText(line.name(), LEFT + 24, y);
            y += 14;
            shown++;
        }
    }

    private void drawHover(GraphicsContext g) {
        if (Double.isNaN(hoverX) || hoverX < LEFT || hoverX > LEFT + plotWidth()) {
            return;
        }
        List<String> lines = valuesAt(hoverX);
        if (lines.isEmpty()) {
            return;
        }
        g.setStroke(INK);
        g.setLineWidth(1);
        g.strokeLine(hoverX, TOP, hoverX, TOP + plotHeight());
        double boxWidth = 170;
        double boxX = hoverX + boxWidth + 12 > getWidth() ? hoverX - boxWidth - 8 : hoverX + 8;
        double boxHeight = lines.size() * 14 + 8;
        g.setFill(Color.web("#202020", 0.85));
        g.fillRoundRect(boxX, TOP + 4, boxWidth, boxHeight, 6, 6);
        g.setFill(Color.WHITE);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        double y = TOP + 8;
        for (String line : lines) {
            g.fillText(line, boxX + 8, y);
            y += 14;
        }
    }

    /** 0-1-2-5 steps, so the axis reads 0, 250, 500, 750, 1,000 rather than 0, 263, 526. */
    static double niceCeiling(double max) {
        if (max <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= max) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "LagChart[%d lines]", series.size());
    }
}
