package dev.flowdeck.views.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * F1: every key the window knows, grouped as the palette groups them, read from the same commands the window binds,
 * so the sheet never lists a key that does nothing. Escape closes it.
 */
final class ShortcutSheet {

    static final String ID = "shortcut-sheet";

    private ShortcutSheet() {
    }

    static Stage show(Window owner, List<Command> commands) {
        var grid = new GridPane(24, 6);
        grid.setId(ID);
        grid.setPadding(new Insets(16));
        Map<String, List<Command>> groups = new LinkedHashMap<>();
        commands.stream().filter(command -> command.shortcut().isPresent())
                .forEach(command -> groups.computeIfAbsent(command.group(), g -> new java.util.ArrayList<>())
                        .add(command));
        int row = 0;
        for (var group : groups.entrySet()) {
            var heading = new Label(group.getKey());
            heading.setStyle("-fx-font-weight: bold;");
            grid.add(heading, 0, row++, 2, 1);
            for (Command command : group.getValue()) {
                var key = new Label(command.keyText());
                key.setStyle("-fx-font-family: monospace;");
                grid.add(key, 0, row);
                grid.add(new Label(command.name()), 1, row++);
            }
        }
        var stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Keyboard shortcuts");
        var scene = new Scene(new ScrollPane(grid), 520, 560);
        scene.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ESCAPE) {
                stage.close();
            }
        });
        stage.setScene(scene);
        stage.show();
        return stage;
    }
}
