package dev.flowdeck.views.cluster;

import dev.flowdeck.core.broker.TopicSummary;
import dev.flowdeck.core.deadletter.DeadLetterNames;
import dev.flowdeck.views.common.Formats;
import java.util.List;
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
 * The left-hand tree: each connection profile with its topics beneath, counts beside them. Dead-letter topics
 * wear their own icon so they stand out in a long list.
 */
public final class NavigationTree extends TreeView<NavigationTree.Entry> {

    /** What a row of the tree stands for. */
    public sealed interface Entry permits Profile, Topic {
    }

    public record Profile(String name) implements Entry {
    }

    public record Topic(TopicSummary summary) implements Entry {
    }

    public NavigationTree(List<ClusterViewModel> clusters) {
        setId("navigation-tree");
        setShowRoot(false);
        setRoot(new TreeItem<>());
        setCellFactory(tree -> new EntryCell());
        clusters.forEach(this::addCluster);
    }

    private void addCluster(ClusterViewModel cluster) {
        var profileItem = new TreeItem<Entry>(new Profile(cluster.profileName()));
        profileItem.setExpanded(true);
        getRoot().getChildren().add(profileItem);
        cluster.topics().addListener((ListChangeListener<TopicSummary>) change -> syncTopics(profileItem, cluster));
        syncTopics(profileItem, cluster);
    }

    /** Mirrors the view model's list, updating rows in place so expansion and selection survive a refresh. */
    private static void syncTopics(TreeItem<Entry> profileItem, ClusterViewModel cluster) {
        var children = profileItem.getChildren();
        List<TopicSummary> topics = cluster.topics();
        if (children.size() > topics.size()) {
            children.remove(topics.size(), children.size());
        }
        for (int i = 0; i < topics.size(); i++) {
            var entry = new Topic(topics.get(i));
            if (i < children.size()) {
                if (!children.get(i).getValue().equals(entry)) {
                    children.get(i).setValue(entry);
                }
            } else {
                children.add(new TreeItem<>(entry));
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
                case Topic topic -> {
                    TopicSummary summary = topic.summary();
                    boolean deadLetter = DeadLetterNames.looksLikeDeadLetter(summary.name());
                    name.setText(summary.name());
                    name.setGraphic(new FontIcon(deadLetter ? "mdi2e-email-alert-outline" : "mdi2f-format-list-text"));
                    detail.setText(Formats.count(summary.messageCount()));
                }
            }
            setText(null);
            setGraphic(row);
        }
    }
}
