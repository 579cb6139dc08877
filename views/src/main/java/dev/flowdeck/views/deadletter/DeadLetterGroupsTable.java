package dev.flowdeck.views.deadletter;

import atlantafx.base.theme.Styles;
import dev.flowdeck.core.deadletter.DeadLetterGroup;
import dev.flowdeck.views.common.Columns;
import dev.flowdeck.views.common.Formats;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;

/** A destination's dead letters by cause, largest first: what an operator fixes and replays one at a time. */
final class DeadLetterGroupsTable extends TableView<DeadLetterGroup> {

    /** @param shownCause a group's cause as the profile's masking lets it be read */
    DeadLetterGroupsTable(ObservableList<DeadLetterGroup> groups, Function<DeadLetterGroup, String> shownCause) {
        super(groups);
        setId("dead-letter-groups");
        getStyleClass().add(Styles.DENSE);
        setPlaceholder(new Label("No dead letters read yet."));
        getColumns().setAll(List.of(
                Columns.count("Count", DeadLetterGroup::count, 70),
                Columns.text("Failed in", group -> group.isOther() ? "(many)" : group.origin(), 110),
                Columns.text("Cause", group -> group.isOther() ? OTHER : shownCause.apply(group), 380),
                Columns.text("First seen", group -> seen(group.firstSeen()), 150),
                Columns.text("Last seen", group -> seen(group.lastSeen()), 150),
                Columns.text("Group", DeadLetterGroup::id, 80)));
        setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
    }

    static final String OTHER = "Further causes, counted together (more distinct causes than are kept apart)";

    private static String seen(Optional<Instant> when) {
        return when.map(Formats::timestamp).orElse("unknown");
    }
}
