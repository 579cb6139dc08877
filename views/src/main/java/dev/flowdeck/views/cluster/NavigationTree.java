package dev.flowdeck.views.cluster;

import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.core.broker.ExchangeSummary;
import dev.flowdeck.views.common.Formats;
import dev.flowdeck.views.connection.ConnectionActions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Subscription;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The left-hand tree: each connection profile with its destinations beneath (RabbitMQ's grouped by vhost),
 * counts beside them. Dead-letter destinations wear their own icon so they stand out in a long list. Rows are
 * updated in place on every refresh, so expansion and selection survive.
 */
public final class NavigationTree extends TreeView<NavigationTree.Entry> {

    /** What a row of the tree stands for. */
    public sealed interface Entry permits Profile, Namespace, Item {
    }

    public record Profile(String name) implements Entry {
    }

    /** A RabbitMQ vhost. */
    public record Namespace(String profile, String vhost) implements Entry {
    }

    public record Item(Destination destination) implements Entry {
    }

    private final Map<TreeItem<Entry>, ClusterViewModel> owners = new LinkedHashMap<>();
    private BiConsumer<ClusterViewModel, Destination> onOpen = (cluster, destination) -> { };
    private final Map<ClusterViewModel, Subscription> listeners = new HashMap<>();

    /**
     * @param clusters          the open and saved clusters; the tree follows additions and removals
     * @param onClusterSelected told which cluster a selected row belongs to
     * @param actions           what the profile rows' context menu does (edit, duplicate, delete)
     */
    public NavigationTree(ObservableList<ClusterViewModel> clusters, Consumer<ClusterViewModel> onClusterSelected,
                          ConnectionActions actions) {
        setId("navigation-tree");
        setShowRoot(false);
        setRoot(new TreeItem<>());
        setCellFactory(tree -> new EntryCell(this));
        setContextMenu(profileMenu(actions));
        clusters.forEach(this::addCluster);
        clusters.addListener((ListChangeListener<ClusterViewModel>) change -> {
            while (change.next()) {
                change.getRemoved().forEach(this::removeCluster);
                for (int i = change.getFrom(); i < change.getTo() && change.wasAdded(); i++) {
                    addCluster(clusters.get(i));
                }
            }
            reorder(clusters);
        });
        setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER && openSelected()) {
                event.consume();
            }
        });
        getSelectionModel().selectedItemProperty().subscribe(selected -> {
            ClusterViewModel owner = ownerOf(selected);
            if (owner != null) {
                onClusterSelected.accept(owner);
            }
        });
    }

    /**
     * One menu for the whole tree, acting on the selected row's cluster (a right-click selects the row first):
     * a per-cell menu would outlive its cell's item as the tree refreshes.
     */
    private ContextMenu profileMenu(ConnectionActions actions) {
        var edit = new MenuItem("Edit…", new FontIcon("mdi2p-pencil"));
        edit.setOnAction(event -> withSelected(actions::edit));
        var duplicate = new MenuItem("Duplicate", new FontIcon("mdi2c-content-copy"));
        duplicate.setOnAction(event -> withSelected(actions::duplicate));
        var delete = new MenuItem("Delete…", new FontIcon("mdi2d-delete-outline"));
        delete.setOnAction(event -> withSelected(actions::delete));
        var menu = new ContextMenu(edit, duplicate, delete);
        menu.setOnShowing(event -> {
            ClusterViewModel selected = ownerOf(getSelectionModel().getSelectedItem());
            boolean saved = selected != null && !selected.profile().sandbox(); // the sandbox is not saved
            menu.getItems().forEach(item -> item.setDisable(!saved));
        });
        return menu;
    }

    private void withSelected(Consumer<ClusterViewModel> action) {
        ClusterViewModel selected = ownerOf(getSelectionModel().getSelectedItem());
        if (selected != null) {
            action.accept(selected);
        }
    }

    /** Told which destination the operator opens (double-click or Enter on its row). */
    public void setOnOpen(BiConsumer<ClusterViewModel, Destination> onOpen) {
        this.onOpen = onOpen;
    }

    private boolean openSelected() {
        TreeItem<Entry> selected = getSelectionModel().getSelectedItem();
        if (selected != null && selected.getValue() instanceof Item item) {
            onOpen.accept(ownerOf(selected), item.destination());
            return true;
        }
        return false;
    }

    /** Selects a cluster's row (and so makes it the active one). */
    public void select(ClusterViewModel cluster) {
        owners.forEach((item, owner) -> {
            if (owner == cluster) {
                getSelectionModel().select(item);
            }
        });
    }

    /** The cluster a row belongs to, or null. */
    ClusterViewModel ownerOf(TreeItem<Entry> item) {
        TreeItem<Entry> current = item;
        while (current != null && !owners.containsKey(current)) {
            current = current.getParent();
        }
        return current == null ? null : owners.get(current);
    }

    private void addCluster(ClusterViewModel cluster) {
        var profileItem = new TreeItem<Entry>(new Profile(cluster.profileName()));
        profileItem.setExpanded(true);
        getRoot().getChildren().add(profileItem);
        owners.put(profileItem, cluster);
        ListChangeListener<Destination> listener = change -> sync(profileItem, cluster);
        cluster.destinations().addListener(listener);
        listeners.put(cluster, () -> cluster.destinations().removeListener(listener));
        sync(profileItem, cluster);
    }

    private void removeCluster(ClusterViewModel cluster) {
        owners.entrySet().removeIf(entry -> {
            if (entry.getValue() == cluster) {
                getRoot().getChildren().remove(entry.getKey());
                return true;
            }
            return false;
        });
        Subscription listener = listeners.remove(cluster);
        if (listener != null) {
            listener.unsubscribe();
        }
    }

    /** Keeps the rows in the list's order (a replaced cluster takes its predecessor's place). */
    private void reorder(List<ClusterViewModel> clusters) {
        List<TreeItem<Entry>> ordered = new ArrayList<>();
        for (ClusterViewModel cluster : clusters) {
            owners.forEach((item, owner) -> {
                if (owner == cluster) {
                    ordered.add(item);
                }
            });
        }
        if (!ordered.equals(getRoot().getChildren())) {
            getRoot().getChildren().setAll(ordered);
        }
    }

    /** Destinations without a namespace hang off the profile; the others under one node per namespace. */
    private static void sync(TreeItem<Entry> profileItem, ClusterViewModel cluster) {
        List<Entry> top = new ArrayList<>();
        Map<String, List<Entry>> byNamespace = new LinkedHashMap<>();
        for (Destination destination : cluster.destinations()) {
            if (destination.namespace().isEmpty()) {
                top.add(new Item(destination));
            } else {
                byNamespace.computeIfAbsent(destination.namespace(), vhost -> new ArrayList<>())
                        .add(new Item(destination));
            }
        }
        byNamespace.keySet().forEach(vhost -> top.add(new Namespace(cluster.profileName(), vhost)));
        syncChildren(profileItem, top);
        for (TreeItem<Entry> child : profileItem.getChildren()) {
            if (child.getValue() instanceof Namespace namespace) {
                child.setExpanded(child.isExpanded() || child.getChildren().isEmpty());
                syncChildren(child, byNamespace.get(namespace.vhost()));
            }
        }
    }

    private static void syncChildren(TreeItem<Entry> parent, List<Entry> wanted) {
        var children = parent.getChildren();
        if (children.size() > wanted.size()) {
            children.remove(wanted.size(), children.size());
        }
        for (int i = 0; i < wanted.size(); i++) {
            if (i < children.size()) {
                if (!Objects.equals(children.get(i).getValue(), wanted.get(i))) {
                    children.get(i).setValue(wanted.get(i));
                }
            } else {
                children.add(new TreeItem<>(wanted.get(i)));
            }
        }
    }

    private static final class EntryCell extends TreeCell<Entry> {
        private final Label name = new Label();
        private final Label detail = new Label();
        private final Region spacer = new Region();
        private final HBox row = new HBox(6, name, spacer, detail);
        private final NavigationTree tree;

        EntryCell(NavigationTree tree) {
            this.tree = tree;
            // The tree's menu acts on the selected row: make the row asked about the selected one, so an action
            // can never land on the row selected before (deleting the wrong connection).
            addEventFilter(ContextMenuEvent.CONTEXT_MENU_REQUESTED, event -> {
                if (getTreeItem() != null) {
                    tree.getSelectionModel().select(getTreeItem());
                }
            });
            setOnMouseClicked(event -> {
                if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2 && !isEmpty()) {
                    tree.openSelected();
                }
            });
            HBox.setHgrow(spacer, Priority.ALWAYS);
            detail.getStyleClass().add("text-muted");
            row.setMinWidth(0);
        }

        private ClusterViewModel owner() {
            return tree.ownerOf(getTreeItem());
        }

        @Override
        protected void updateItem(Entry entry, boolean empty) {
            super.updateItem(entry, empty);
            if (empty || entry == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            switch (entry) {
                case Profile profile -> {
                    ClusterViewModel owner = owner();
                    boolean production = owner != null && owner.profile().production();
                    name.setText(profile.name());
                    name.setGraphic(new FontIcon(production ? "mdi2a-alert-octagon" : "mdi2l-lan-connect"));
                    detail.setText(production ? "PROD" : owner != null && owner.profile().readOnly() ? "read-only" : "");
                    pseudoClassStateChanged(PRODUCTION, production);
                }
                case Namespace namespace -> {
                    name.setText("vhost " + namespace.vhost());
                    name.setGraphic(new FontIcon("mdi2f-folder-outline"));
                    detail.setText("");
                }
                case Item item -> {
                    Destination destination = item.destination();
                    name.setText(DestinationLabels.name(destination));
                    name.setGraphic(new FontIcon(DestinationLabels.icon(destination)));
                    detail.setText(destination instanceof ExchangeSummary ? ""
                            : Formats.count(destination.messageCount()));
                }
            }
            setText(null);
            setGraphic(row);
            if (!(entry instanceof Profile)) {
                pseudoClassStateChanged(PRODUCTION, false);
            }
        }
    }

    private static final PseudoClass PRODUCTION = PseudoClass.getPseudoClass("production");
}
