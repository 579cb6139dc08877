package dev.flowdeck.views.trace;

import atlantafx.base.theme.Styles;
import dev.flowdeck.core.deadletter.DeadLetterNames;
import dev.flowdeck.core.trace.FlowEdge;
import dev.flowdeck.core.trace.FlowGraph;
import dev.flowdeck.views.common.Formats;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.CubicCurve;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The flow learned from the index: a box per destination with the events it held, an arrow per edge labelled with
 * how many hops took it and their p50/p95 latency. Heads of the flow on the left; edges into dead letters in red.
 * Nodes, not a canvas: a flow has tens of destinations, and labels as nodes stay selectable and themed.
 */
public final class FlowGraphView extends BorderPane {

    private static final double NODE_WIDTH = 190;
    private static final double NODE_HEIGHT = 48;
    private static final double COLUMN_GAP = 170;
    private static final double ROW_GAP = 40;
    private static final double MARGIN = 24;
    private static final Color EDGE = Color.web("#4c9be8");
    private static final Color DEAD = Color.web("#d9443f");

    private final Pane graphPane = new Pane();
    private final Label header = new Label();

    public FlowGraphView(ObservableValue<FlowGraph> graph) {
        setId("flow-graph");
        graphPane.setId("flow-graph-pane");
        header.setId("flow-graph-header");
        header.setWrapText(true);
        header.setPadding(new Insets(8, 12, 8, 12));
        setTop(header);
        setCenter(new ScrollPane(graphPane));
        graph.subscribe(this::draw);
    }

    private void draw(FlowGraph graph) {
        graphPane.getChildren().clear();
        if (graph == null || graph.visits().isEmpty()) {
            header.setText(graph == null ? "Index a window to learn which destination follows which."
                    : "The index holds no chains: no events carried trace context or a correlation key.");
            return;
        }
        header.setText("Learned from %s events: which destination follows which, with hop counts and p50/p95"
                .formatted(Formats.count(graph.visits().values().stream().mapToLong(Long::longValue).sum()))
                + " latency.");
        FlowLayout layout = FlowLayout.of(graph);
        Map<String, Point2D> at = new HashMap<>();
        List<List<String>> columns = layout.columns();
        for (int c = 0; c < columns.size(); c++) {
            for (int r = 0; r < columns.get(c).size(); r++) {
                at.put(columns.get(c).get(r), new Point2D(MARGIN + c * (NODE_WIDTH + COLUMN_GAP),
                        MARGIN + r * (NODE_HEIGHT + ROW_GAP)));
            }
        }
        for (FlowEdge edge : graph.edges()) {
            drawEdge(edge, at.get(edge.from()), at.get(edge.to()));
        }
        at.forEach((name, where) -> {
            var node = node(name, graph.visits().getOrDefault(name, 0L));
            node.relocate(where.getX(), where.getY());
            graphPane.getChildren().add(node);
        });
    }

    private void drawEdge(FlowEdge edge, Point2D from, Point2D to) {
        boolean dead = DeadLetterNames.looksLikeDeadLetter(edge.to());
        boolean forward = to.getX() > from.getX();
        double startX = from.getX() + (forward ? NODE_WIDTH : NODE_WIDTH / 2);
        double startY = from.getY() + (forward ? NODE_HEIGHT / 2 : NODE_HEIGHT);
        double endX = forward ? to.getX() : to.getX() + NODE_WIDTH / 2;
        double endY = to.getY() + (forward ? NODE_HEIGHT / 2 : 0);
        double bend = forward ? (endX - startX) / 2 : 40;
        var curve = forward
                ? new CubicCurve(startX, startY, startX + bend, startY, endX - bend, endY, endX, endY)
                : new CubicCurve(startX, startY, startX + bend, startY + bend, endX + bend, endY - bend, endX, endY);
        curve.setFill(null);
        curve.setStroke(dead ? DEAD : EDGE);
        curve.setStrokeWidth(1.2 + Math.min(3, Math.log10(Math.max(1, edge.count()))));
        var label = new Label("%s · p50 %s · p95 %s".formatted(Formats.count(edge.count()),
                Formats.duration(edge.p50()), Formats.duration(edge.p95())));
        label.setId("flow-edge-" + edge.from() + "-" + edge.to());
        label.getStyleClass().add(Styles.TEXT_SMALL);
        if (dead) {
            label.getStyleClass().add(Styles.DANGER);
        }
        label.relocate((startX + endX) / 2 - 60, (startY + endY) / 2 - 18);
        graphPane.getChildren().addAll(curve, label);
    }

    private static VBox node(String name, long visits) {
        boolean dead = DeadLetterNames.looksLikeDeadLetter(name);
        var title = new Label(name, new FontIcon(dead ? "mdi2e-email-alert-outline" : "mdi2f-format-list-bulleted"));
        title.getStyleClass().add(Styles.TEXT_BOLD);
        var sub = new Label(Formats.count(visits) + " events");
        sub.getStyleClass().add(Styles.TEXT_MUTED);
        var box = new VBox(2, title, sub);
        box.setId("flow-node-" + name);
        box.setPadding(new Insets(6, 10, 6, 10));
        box.setPrefSize(NODE_WIDTH, NODE_HEIGHT);
        box.setStyle("-fx-background-color: -color-bg-default; -fx-background-radius: 6; -fx-border-radius: 6;"
                + "-fx-border-color: " + (dead ? "#d9443f" : "-color-border-default") + ";");
        return box;
    }
}
