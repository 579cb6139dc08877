package dev.flowdeck.views.cluster;

import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.core.broker.ExchangeSummary;
import dev.flowdeck.views.common.Formats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
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

    public NavigationTree(List<ClusterViewModel> clusters, Consumer<ClusterViewModel> onClusterSelected) {
        setId("navigation-tree");
        setShowRoot(false);
        setRoot(new TreeItem<>());
        setCellFactory(tree -> new EntryCell());
        Map<TreeItem<Entry>, ClusterViewModel> owners = new LinkedHashMap<>();
        clusters.forEach(cluster -> owners.put(addCluster(cluster), cluster));
        getSelectionModel().selectedItemProperty().subscribe(selected -> {
            TreeItem<Entry> item = selected;
            while (item != null && !owners.containsKey(item)) {
                item = item.getParent();
            }
            if (item != null) {
                onClusterSelected.accept(owners.get(item));
            }
        });
    }

    private TreeItem<Entry> addCluster(ClusterViewModel cluster) {
        var profileItem = new TreeItem<Entry>(new Profile(cluster.profileName()));
        profileItem.setExpanded(true);
        getRoot().getChildren().add(profileItem);
        cluster.destinations().addListener((ListChangeListener<Destination>) change -> sync(profileItem, cluster));
        sync(profileItem, cluster);
        return profileItem;
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

        EntryCell() {
            HBox.setHgrow(spacer, Priority.ALWAYS);
            detail.getStyleClass().add("text-muted");
            row.setMinWidth(0);
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
                    name.setText(profile.name());
                    name.setGraphic(new FontIcon("mdi2l-lan-connect"));
                    detail.setText("");
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
        }
    }
}
