package dev.flowdeck.views.lag;

import atlantafx.base.theme.Styles;
import dev.flowdeck.core.lag.GroupStatus;
import dev.flowdeck.core.lag.GroupVerdict;
import dev.flowdeck.core.lag.Spoken;
import dev.flowdeck.views.common.Formats;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.CubicCurve;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The flow map: topics on the left with the rate events arrive, the groups reading them on the right with the rate
 * they consume, an edge per topic a group reads, coloured by the group's status and labelled with its lag there.
 * The worst group is named in the banner and drawn heavier: the screen to open first in an incident.
 */
public final class FlowMapView extends BorderPane {

    private static final double NODE_WIDTH = 260;
    private static final double NODE_HEIGHT = 54;
    private static final double GAP = 16;
    private static final double MARGIN = 24;

    private final Label banner = new Label();
    private final Button openWorst = new Button("Open it", new FontIcon("mdi2a-arrow-right-bold-circle-outline"));
    private final Pane map = new Pane();
    private final Consumer<String> onOpenGroup;
    private FlowMap shown = new FlowMap(List.of(), List.of(), List.of(), java.util.Optional.empty());

    /**
     * @param lag         the cluster's lag: the map is redrawn once per round, from its verdicts
     * @param onOpenGroup told which group the operator double-clicks, to show it in the lag tab
     */
    public FlowMapView(LagViewModel lag, Consumer<String> onOpenGroup) {
        ObservableList<GroupVerdict> groups = lag.groups();
        this.onOpenGroup = onOpenGroup;
        setId("flow-map");
        banner.setId("flow-map-worst");
        banner.setWrapText(true);
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.setPadding(new Insets(8, 12, 8, 12));
        // The worst group is where the operator goes next: one key away (the window focuses this button when the
        // tab is shown, Enter opens the group's lag), while the map's boxes are redrawn every round.
        openWorst.setId("flow-map-open-worst");
        openWorst.setOnAction(event -> shown.worst().ifPresent(worst -> onOpenGroup.accept(worst.group())));
        openWorst.setOnKeyPressed(event -> {
            if (event.getCode() == javafx.scene.input.KeyCode.ENTER) { // a button fires on Space; Enter is expected
                openWorst.fire();
                event.consume();
            }
        });
        openWorst.setVisible(false);
        openWorst.managedProperty().bind(openWorst.visibleProperty());
        var top = new HBox(8, banner, openWorst);
        top.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(banner, Priority.ALWAYS);
        map.setId("flow-map-canvas");
        var scroll = new ScrollPane(map);
        scroll.setFitToWidth(true);
        setTop(top);
        setCenter(scroll);
        // Once per round, not once per changed row: a round replaces several rows one by one.
        lag.lastSampleProperty().addListener((property, before, now) -> show(FlowMap.of(groups)));
        map.widthProperty().addListener((property, before, now) -> draw());
        show(FlowMap.of(groups));
    }

    /** What the map shows now: for tests. */
    public FlowMap shown() {
        return shown;
    }

    private void show(FlowMap flow) {
        shown = flow;
        banner.getStyleClass().removeAll(Styles.DANGER, Styles.SUCCESS);
        banner.setGraphic(null);
        openWorst.setVisible(flow.worst().isPresent());
        if (flow.groups().isEmpty()) {
            banner.setText("No consumer groups yet: the map fills in with the first sample.");
        } else if (flow.worst().isPresent()) {
            openWorst.setText("Open " + flow.worst().get().group());
            banner.setText("Look first: " + flow.worst().get().sentence());
            banner.getStyleClass().add(Styles.DANGER);
            banner.setGraphic(new FontIcon("mdi2a-alert-outline"));
        } else {
            banner.setText("All " + flow.groups().size() + " groups are keeping up.");
            banner.getStyleClass().add(Styles.SUCCESS);
            banner.setGraphic(new FontIcon("mdi2c-check-circle-outline"));
        }
        draw();
    }

    private void draw() {
        map.getChildren().clear();
        FlowMap flow = shown;
        int rows = Math.max(flow.topics().size(), flow.groups().size());
        map.setPrefHeight(MARGIN * 2 + rows * (NODE_HEIGHT + GAP));
        double width = Math.max(map.getWidth(), NODE_WIDTH * 2 + 200);
        double topicX = MARGIN;
        double groupX = width - MARGIN - NODE_WIDTH;
        String worst = flow.worst().map(FlowMap.Worst::group).orElse("");

        Map<String, Double> topicY = new HashMap<>();
        for (int i = 0; i < flow.topics().size(); i++) {
            topicY.put(flow.topics().get(i).name(), rowY(i, flow.topics().size(), rows));
        }
        Map<String, Double> groupY = new HashMap<>();
        for (int i = 0; i < flow.groups().size(); i++) {
            groupY.put(flow.groups().get(i).name(), rowY(i, flow.groups().size(), rows));
        }
        for (FlowMap.Edge edge : flow.edges()) {
            double fromX = topicX + NODE_WIDTH;
            double fromY = topicY.get(edge.topic()) + NODE_HEIGHT / 2;
            double toY = groupY.get(edge.group()) + NODE_HEIGHT / 2;
            var curve = new CubicCurve(fromX, fromY, (fromX + groupX) / 2, fromY, (fromX + groupX) / 2, toY, groupX, toY);
            curve.setFill(null);
            curve.setStroke(colour(edge.status()));
            curve.setStrokeWidth(edge.group().equals(worst) ? 3.5 : 1.6);
            curve.setOpacity(edge.status() == GroupStatus.OK ? 0.55 : 0.95);
            map.getChildren().add(curve);
            if (edge.lag() > 0 && edge.status().isProblem()) { // a healthy group's few in flight are noise here
                var lag = new Label(Formats.count(edge.lag()) + " behind");
                lag.getStyleClass().add(Styles.TEXT_SMALL);
                lag.relocate((fromX + groupX) / 2 - 30, (fromY + toY) / 2 - 18);
                map.getChildren().add(lag);
            }
        }
        for (int i = 0; i < flow.topics().size(); i++) {
            FlowMap.TopicNode topic = flow.topics().get(i);
            var node = box("mdi2f-format-list-bulleted", topic.name(), Spoken.rate(topic.inRate()) + " arriving");
            node.setId("flow-topic-" + topic.name());
            node.relocate(topicX, topicY.get(topic.name()));
            map.getChildren().add(node);
        }
        for (int i = 0; i < flow.groups().size(); i++) {
            FlowMap.GroupNode group = flow.groups().get(i);
            String detail = Spoken.rate(group.outRate()) + " consumed"
                    + (group.lag() > 0 ? " · " + Formats.count(group.lag()) + " behind" : "")
                    + group.timeLag().filter(age -> !age.isZero()).map(age -> " · " + Spoken.span(age)).orElse("");
            var node = box(StatusBadge.icon(group.status()), group.name(), detail);
            node.setId("flow-group-" + group.name());
            node.setStyle(node.getStyle() + "-fx-border-color: " + web(colour(group.status())) + ";"
                    + "-fx-border-width: " + (group.name().equals(worst) ? 3 : 1.5) + ";");
            Tooltip.install(node, new Tooltip(group.status().label() + ". Double-click to open it in the lag tab."));
            node.setOnMouseClicked(event -> {
                if (event.getClickCount() == 2) {
                    onOpenGroup.accept(group.name());
                }
            });
            node.relocate(groupX, groupY.get(group.name()));
            map.getChildren().add(node);
        }
    }

    /** Spreads a shorter column over the taller one's height, so both columns centre on each other. */
    private static double rowY(int index, int count, int rows) {
        double columnHeight = count * (NODE_HEIGHT + GAP);
        double offset = (rows * (NODE_HEIGHT + GAP) - columnHeight) / 2;
        return MARGIN + offset + index * (NODE_HEIGHT + GAP);
    }

    private static VBox box(String icon, String title, String detail) {
        var name = new Label(title, new FontIcon(icon));
        name.getStyleClass().add(Styles.TEXT_BOLD);
        var sub = new Label(detail);
        sub.getStyleClass().add(Styles.TEXT_MUTED);
        var box = new VBox(2, name, sub);
        box.setPadding(new Insets(6, 10, 6, 10));
        box.setPrefSize(NODE_WIDTH, NODE_HEIGHT);
        box.setMaxSize(NODE_WIDTH, NODE_HEIGHT);
        box.setStyle("-fx-background-color: -color-bg-default; -fx-background-radius: 6; -fx-border-radius: 6;"
                + "-fx-border-color: -color-border-default;");
        return box;
    }

    private static Color colour(GroupStatus status) {
        return switch (status) {
            case OK -> Color.web("#3f9f5f");
            case WARNING, REWINDING -> Color.web("#e0a030");
            case STALLED, STOPPED -> Color.web("#d9443f");
        };
    }

    private static String web(Color colour) {
        return String.format("#%02x%02x%02x", Math.round(colour.getRed() * 255), Math.round(colour.getGreen() * 255),
                Math.round(colour.getBlue() * 255));
    }
}
