package dev.flowdeck.views.shell;

import java.util.List;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;
import javafx.stage.Window;

/**
 * Ctrl+K (⌘K): a field and the commands that match it. Up and Down choose, Enter runs, Escape closes; typing
 * something no command matches offers to look it up as a trace id or business key. The commands are asked for each
 * time it opens, so the destinations and clusters listed are the current ones.
 */
final class CommandPalette {

    static final String ID = "command-palette";

    private final Popup popup = new Popup();
    private final TextField field = new TextField();
    private final ListView<Command> list = new ListView<>();
    private final Supplier<List<Command>> commands;
    private final CommandSearch search;
    private List<Command> all = List.of();

    CommandPalette(Supplier<List<Command>> commands, CommandSearch search) {
        this.commands = commands;
        this.search = search;
        field.setId("command-field");
        field.setPromptText("Type a command, a destination, or a trace id or order id to find its chain");
        list.setId("command-list");
        list.setPrefHeight(320);
        list.setCellFactory(view -> new CommandCell());
        list.setOnMouseClicked(event -> {
            if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 1) {
                runSelected();
            }
        });
        field.textProperty().subscribe(typed -> show(search.rank(all, typed)));
        field.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);

        var box = new VBox(6, field, list);
        box.setId(ID);
        box.setPadding(new Insets(10));
        box.setPrefWidth(560);
        box.setStyle("-fx-background-color: -color-bg-overlay; -fx-border-color: -color-border-default;"
                + " -fx-border-radius: 6; -fx-background-radius: 6;"
                + " -fx-effect: dropshadow(gaussian, rgba(0,0,0,0.35), 18, 0, 0, 4);");
        popup.getContent().add(box);
        popup.setAutoHide(true);
        popup.setHideOnEscape(true);
    }

    /** Opens over the top of {@code owner}'s window, the field empty and focused. */
    void open(Window owner) {
        all = commands.get();
        field.clear();
        show(all);
        double width = 560;
        popup.show(owner, owner.getX() + Math.max(0, (owner.getWidth() - width) / 2), owner.getY() + 80);
        field.requestFocus();
    }

    boolean isShowing() {
        return popup.isShowing();
    }

    void close() {
        popup.hide();
    }

    private void show(List<Command> ranked) {
        list.getItems().setAll(ranked);
        if (!ranked.isEmpty()) {
            list.getSelectionModel().select(0);
            list.scrollTo(0);
        }
    }

    private void onKey(KeyEvent event) {
        var selection = list.getSelectionModel();
        switch (event.getCode()) {
            case DOWN -> {
                selection.select(Math.min(list.getItems().size() - 1, selection.getSelectedIndex() + 1));
                list.scrollTo(selection.getSelectedIndex());
                event.consume();
            }
            case UP -> {
                selection.select(Math.max(0, selection.getSelectedIndex() - 1));
                list.scrollTo(selection.getSelectedIndex());
                event.consume();
            }
            case ENTER -> {
                runSelected();
                event.consume();
            }
            case ESCAPE -> {
                close();
                event.consume();
            }
            default -> {
                // typing goes to the field
            }
        }
    }

    private void runSelected() {
        Command chosen = list.getSelectionModel().getSelectedItem();
        if (chosen != null) {
            close(); // first, so what the command opens gets the focus
            chosen.run().run();
        }
    }

    /** A command's name, its group muted beside it, its key on the right. */
    private static final class CommandCell extends ListCell<Command> {
        @Override
        protected void updateItem(Command command, boolean empty) {
            super.updateItem(command, empty);
            if (empty || command == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            var name = new Label(command.name());
            var group = new Label(command.group());
            group.setStyle("-fx-text-fill: -color-fg-muted;");
            var key = new Label(command.keyText());
            key.setStyle("-fx-text-fill: -color-fg-muted; -fx-font-family: monospace;");
            var row = new BorderPane(null, null, key, null, new VBox(name, group));
            row.setPadding(new Insets(2, 4, 2, 4));
            setText(null);
            setGraphic(row);
        }
    }
}
