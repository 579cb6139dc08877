package dev.flowdeck.views.shell;

import dev.flowdeck.core.broker.BrokerKind;
import dev.flowdeck.views.cluster.ClusterViewModel;
import dev.flowdeck.views.cluster.NavigationTree;
import dev.flowdeck.views.cluster.StatusBar;
import dev.flowdeck.views.cluster.DestinationsView;
import java.util.List;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The shell: navigation on the left, the views of later features as tabs in the centre, the status bar below.
 * Built in code; it only arranges views and never talks to a broker.
 */
public final class MainWindow {

    private final BorderPane root = new BorderPane();
    private final TabPane tabs = new TabPane();
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(Theme.ofPlatform());
    private final ObjectProperty<ClusterViewModel> activeCluster = new SimpleObjectProperty<>();
    private boolean themeChosenByOperator;

    /** @param clusters the open clusters, in the order the navigation tree lists them; at least one */
    public MainWindow(List<ClusterViewModel> clusters) {
        if (clusters.isEmpty()) {
            throw new IllegalArgumentException("the main window shows at least one cluster");
        }
        root.setId("main-window");
        activeCluster.set(clusters.getFirst());

        var navigation = new NavigationTree(clusters, activeCluster::set);
        navigation.setMinWidth(200);

        var destinationsTab = new Tab("Destinations", new DestinationsView(activeCluster));
        destinationsTab.setId("destinations-tab");
        destinationsTab.setClosable(false);
        destinationsTab.setGraphic(new FontIcon("mdi2f-format-list-bulleted"));
        destinationsTab.textProperty().bind(activeCluster.map(cluster -> cluster.profileName() + ": "
                + (cluster.kind() == BrokerKind.KAFKA ? "topics" : "queues and exchanges")));
        tabs.getTabs().add(destinationsTab);
        tabs.setId("view-tabs");

        var split = new SplitPane(navigation, tabs);
        split.setDividerPositions(0.28);
        SplitPane.setResizableWithParent(navigation, false);

        root.setTop(toolbar());
        root.setCenter(split);
        root.setBottom(new StatusBar(activeCluster));

        theme.subscribe(Theme::apply);
        // Follow the OS's light/dark switch until the operator picks a theme here.
        Platform.getPreferences().colorSchemeProperty().subscribe(scheme -> {
            if (!themeChosenByOperator) {
                theme.set(Theme.ofPlatform());
            }
        });
    }

    private ToolBar toolbar() {
        var title = new Label("Flowdeck");
        title.getStyleClass().add("title-4");
        title.setGraphic(new FontIcon("mdi2s-source-branch"));

        var refresh = new Button(null, new FontIcon("mdi2r-refresh"));
        refresh.setId("refresh-button");
        refresh.setTooltip(new Tooltip("Refresh now"));
        refresh.setOnAction(event -> activeCluster.get().refresh());

        var themeToggle = new Button(null, new FontIcon("mdi2t-theme-light-dark"));
        themeToggle.setId("theme-toggle");
        themeToggle.setTooltip(new Tooltip("Switch between light and dark"));
        themeToggle.setOnAction(event -> {
            themeChosenByOperator = true;
            theme.set(theme.get().other());
        });

        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return new ToolBar(title, spacer, refresh, themeToggle);
    }

    public Scene createScene() {
        return new Scene(root, 1200, 760);
    }

    /** The cluster the status bar and the destinations tab show: the one last selected in the tree. */
    public ObjectProperty<ClusterViewModel> activeClusterProperty() {
        return activeCluster;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }
}
