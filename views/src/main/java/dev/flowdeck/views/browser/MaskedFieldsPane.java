package dev.flowdeck.views.browser;

import dev.flowdeck.core.broker.Failures;
import dev.flowdeck.core.mask.MaskedField;
import java.util.List;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * What the profile's masking hid in the message shown, one line a field or header; with "Reveal" on each where the
 * profile grants it. A reveal is written to the audit log before the value appears, and lasts until another message
 * is selected.
 */
final class MaskedFieldsPane extends ScrollPane {

    /** Lines listed at most: a document of ten thousand e-mail addresses needs no ten thousand buttons. */
    static final int MAX_LINES = 200;

    private final BrowserViewModel browser;
    private final Label summary = new Label();
    private final VBox lines = new VBox(4);

    MaskedFieldsPane(BrowserViewModel browser) {
        this.browser = browser;
        setId("detail-masked");
        setFitToWidth(true);
        summary.setId("masked-summary");
        summary.setWrapText(true);
        var content = new VBox(8, summary, lines);
        content.setPadding(new Insets(8));
        setContent(content);
    }

    void show(MessageInspection inspection) {
        lines.getChildren().clear();
        List<MaskedField> masked = inspection == null ? List.of() : inspection.masked();
        if (masked.isEmpty()) {
            summary.setText("Nothing in this message is masked by the profile.");
            return;
        }
        boolean mayReveal = browser.masking().mayReveal();
        summary.setText(masked.size() + (masked.size() == 1 ? " value is" : " values are") + " masked by the "
                + "profile." + (mayReveal ? " Reveal shows one, and the audit log records who saw which field."
                : " This profile does not allow revealing them."));
        for (int i = 0; i < Math.min(masked.size(), MAX_LINES); i++) {
            lines.getChildren().add(line(masked.get(i), i, mayReveal));
        }
        if (masked.size() > MAX_LINES) {
            lines.getChildren().add(new Label("… and " + (masked.size() - MAX_LINES) + " more."));
        }
    }

    private HBox line(MaskedField field, int index, boolean mayReveal) {
        String done = switch (field.action()) {
            case MASK -> "masked";
            case HASH -> "hashed";
            case REMOVE -> "removed";
        };
        var name = new Label(field.spoken() + " (" + done + ")");
        name.setMinWidth(260);
        var revealed = new TextField();
        revealed.setId("revealed-" + index);
        revealed.setEditable(false);
        revealed.setVisible(false);
        HBox.setHgrow(revealed, Priority.ALWAYS);
        var line = new HBox(8, name);
        line.setAlignment(Pos.CENTER_LEFT);
        if (mayReveal) {
            var reveal = new Button("Reveal", new FontIcon("mdi2e-eye-outline"));
            reveal.setId("reveal-" + index);
            reveal.setOnAction(event -> {
                reveal.setDisable(true);
                browser.reveal(field).whenComplete((value, failure) -> Platform.runLater(() -> {
                    revealed.setVisible(true);
                    if (failure != null) {
                        reveal.setDisable(false);
                        revealed.setText(Failures.sentence(failure));
                    } else {
                        revealed.setText(value);
                    }
                }));
            });
            line.getChildren().add(reveal);
        }
        line.getChildren().add(revealed);
        return line;
    }
}
