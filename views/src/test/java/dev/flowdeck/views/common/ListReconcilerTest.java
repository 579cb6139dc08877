package dev.flowdeck.views.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

class ListReconcilerTest {

    record Row(String name, long count) {
    }

    @Test
    void replacesChangedRowsInPlaceAndLeavesEqualOnesUntouched() {
        var list = FXCollections.observableArrayList(new Row("a", 1), new Row("b", 2), new Row("c", 3));
        Row untouched = list.get(0);
        List<String> changes = new ArrayList<>();
        list.addListener((ListChangeListener<Row>) change -> {
            while (change.next()) {
                changes.add(change.wasReplaced() ? "replaced " + change.getFrom()
                        : change.wasAdded() ? "added " + change.getFrom() : "removed " + change.getFrom());
            }
        });

        ListReconciler.reconcile(list, List.of(new Row("a", 1), new Row("b", 20), new Row("c", 3)), Row::name);

        assertThat(list).containsExactly(new Row("a", 1), new Row("b", 20), new Row("c", 3));
        assertThat(list.get(0)).isSameAs(untouched);
        assertThat(changes).containsExactly("replaced 1");
    }

    @Test
    void insertsNewRowsAtTheirPlaceAndDropsVanishedOnes() {
        var list = FXCollections.observableArrayList(new Row("a", 1), new Row("c", 3), new Row("d", 4));

        ListReconciler.reconcile(list, List.of(new Row("a", 1), new Row("b", 2), new Row("d", 5)), Row::name);

        assertThat(list).containsExactly(new Row("a", 1), new Row("b", 2), new Row("d", 5));
    }

    @Test
    void followsAReorderedSnapshot() {
        var list = FXCollections.observableArrayList(new Row("a", 1), new Row("b", 2), new Row("c", 3));

        ListReconciler.reconcile(list, List.of(new Row("c", 3), new Row("a", 1), new Row("b", 2)), Row::name);

        assertThat(list).containsExactly(new Row("c", 3), new Row("a", 1), new Row("b", 2));
    }
}
