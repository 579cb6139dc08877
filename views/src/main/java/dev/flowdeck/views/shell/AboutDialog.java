package dev.flowdeck.views.shell;

import java.util.List;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * Which Flowdeck this is and what it runs on: the lines an operator pastes into a bug report, hence a button that
 * copies them. The versions come from the composition root, read from what is loaded.
 */
public final class AboutDialog {

    /** One component and its version, e.g. {@code kafka-clients 4.4.0}. */
    public record Line(String name, String version) {
    }

    private static final ButtonType COPY = new ButtonType("Copy versions", ButtonBar.ButtonData.LEFT);

    private AboutDialog() {
    }

    public static Alert create(Window owner, List<Line> lines) {
        var grid = new GridPane(16, 6);
        grid.setId("about-versions");
        grid.setPadding(new Insets(8, 0, 0, 0));
        for (int row = 0; row < lines.size(); row++) {
            var name = new Label(lines.get(row).name());
            name.setStyle("-fx-font-weight: bold;");
            grid.addRow(row, name, new Label(lines.get(row).version()));
        }
        var about = new Alert(Alert.AlertType.INFORMATION, null, COPY, ButtonType.CLOSE);
        about.initOwner(owner);
        about.setTitle("About Flowdeck");
        about.setHeaderText("Flowdeck: a workstation for debugging Kafka and RabbitMQ systems");
        about.getDialogPane().setContent(grid);
        about.getDialogPane().setId("about-dialog");
        // Copying keeps the dialog open: the Copy button's default would close it.
        about.getDialogPane().lookupButton(COPY).addEventFilter(javafx.event.ActionEvent.ACTION, event -> {
            var content = new ClipboardContent();
            content.putString(text(lines));
            Clipboard.getSystemClipboard().setContent(content);
            event.consume();
        });
        return about;
    }

    /** The lines as plain text, one component a line. */
    public static String text(List<Line> lines) {
        return lines.stream().map(line -> line.name() + " " + line.version()).collect(Collectors.joining("\n"));
    }
}
