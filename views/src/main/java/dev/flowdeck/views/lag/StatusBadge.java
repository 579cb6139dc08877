package dev.flowdeck.views.lag;

import dev.flowdeck.core.lag.GroupStatus;
import javafx.scene.control.Label;
import org.kordamp.ikonli.javafx.FontIcon;

/** A status as a coloured word with an icon, so it reads without relying on colour alone. */
final class StatusBadge {

    private StatusBadge() {
    }

    static void show(Label label, GroupStatus status) {
        label.getStyleClass().removeAll("success", "warning", "danger", "accent");
        if (status == null) {
            label.setText(null);
            label.setGraphic(null);
            return;
        }
        label.setText(status.label());
        label.setGraphic(new FontIcon(icon(status)));
        label.getStyleClass().add(switch (status) {
            case OK -> "success";
            case WARNING, REWINDING -> "warning";
            case STALLED, STOPPED -> "danger";
        });
    }

    static String icon(GroupStatus status) {
        return switch (status) {
            case OK -> "mdi2c-check-circle-outline";
            case WARNING -> "mdi2t-trending-up";
            case REWINDING -> "mdi2r-rewind";
            case STALLED -> "mdi2p-pause-octagon-outline";
            case STOPPED -> "mdi2s-stop-circle-outline";
        };
    }
}
