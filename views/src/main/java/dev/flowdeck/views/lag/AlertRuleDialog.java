package dev.flowdeck.views.lag;

import dev.flowdeck.core.lag.AlertRule;
import dev.flowdeck.core.lag.GroupStatus;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.Window;

/**
 * Sets when a group alerts: lag in messages, lag in time, statuses; for the selected group or for every group
 * without a rule of its own. A field it cannot read keeps the dialog open with the reason under it.
 */
final class AlertRuleDialog extends Dialog<AlertRuleDialog.Choice> {

    /** The rule, and whether it is for {@code group} only (else every group without its own rule). */
    record Choice(AlertRule rule, boolean thisGroupOnly) {
    }

    private final TextField maxLag = new TextField();
    private final TextField maxAge = new TextField();
    private final Map<GroupStatus, CheckBox> statuses = new EnumMap<>(GroupStatus.class);
    private final Label error = new Label();

    AlertRuleDialog(Window owner, String group, AlertRule current) {
        initOwner(owner);
        setTitle("Alerts for " + group);
        setHeaderText("When should " + group + " raise an alert?");
        maxLag.setId("alert-max-lag");
        maxLag.setPromptText("e.g. 5000 (empty: no lag alert)");
        maxLag.setText(AlertRuleForm.lagText(current));
        maxAge.setId("alert-max-age");
        maxAge.setPromptText("e.g. 5m (empty: no time alert)");
        maxAge.setText(AlertRuleForm.ageText(current));
        var statusBoxes = new HBox(10);
        for (GroupStatus status : GroupStatus.values()) {
            if (status == GroupStatus.OK) {
                continue;
            }
            var box = new CheckBox(status.label());
            box.setId("alert-status-" + status.name().toLowerCase(java.util.Locale.ROOT));
            box.setSelected(current.statuses().contains(status));
            statuses.put(status, box);
            statusBoxes.getChildren().add(box);
        }
        var scope = new ToggleGroup();
        var thisGroup = new RadioButton("this group");
        thisGroup.setId("alert-scope-group");
        var everyGroup = new RadioButton("every group without a rule of its own");
        thisGroup.setToggleGroup(scope);
        everyGroup.setToggleGroup(scope);
        thisGroup.setSelected(true);
        error.setId("alert-rule-error");
        error.getStyleClass().add("danger");
        error.setWrapText(true);

        var grid = new GridPane(10, 8);
        grid.setPadding(new Insets(10));
        grid.addRow(0, new Label("Lag above (messages)"), maxLag);
        grid.addRow(1, new Label("Lag in time above"), maxAge);
        grid.addRow(2, new Label("Status is"), statusBoxes);
        grid.addRow(3, new Label("Applies to"), new HBox(12, thisGroup, everyGroup));
        grid.add(error, 0, 4, 2, 1);
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        Node ok = getDialogPane().lookupButton(ButtonType.OK);
        ok.addEventFilter(ActionEvent.ACTION, event -> {
            if (read().isEmpty()) {
                event.consume(); // keep the dialog open: the error says what to fix
            }
        });
        setResultConverter(button -> button == ButtonType.OK
                ? read().map(rule -> new Choice(rule, thisGroup.isSelected())).orElse(null) : null);
    }

    private Optional<AlertRule> read() {
        var chosen = EnumSet.noneOf(GroupStatus.class);
        statuses.forEach((status, box) -> {
            if (box.isSelected()) {
                chosen.add(status);
            }
        });
        try {
            AlertRule rule = AlertRuleForm.read(maxLag.getText(), maxAge.getText(), chosen);
            error.setText("");
            return Optional.of(rule);
        } catch (IllegalArgumentException e) {
            error.setText(e.getMessage());
            return Optional.empty();
        }
    }
}
