package dev.flowdeck.views.browser;

import dev.flowdeck.core.browse.KeptMessage;
import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.decode.HeaderValues;
import dev.flowdeck.core.decode.PayloadText;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Copying messages out of the table: value (Ctrl+C), key (Ctrl+Shift+C) and headers, for every selected row. A row
 * whose value was cut is copied whole: it is fetched first (see {@link BrowserViewModel#whole}).
 */
final class MessageClipboard {

    private final BrowserViewModel browser;

    MessageClipboard(BrowserViewModel browser) {
        this.browser = browser;
    }

    void install(TableView<KeptMessage> table) {
        var value = new MenuItem("Copy value", new FontIcon("mdi2c-content-copy"));
        value.setAccelerator(new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN));
        value.setOnAction(event -> copy(table, row -> PayloadText.text(row.message().readableValue())));
        var key = new MenuItem("Copy key");
        key.setAccelerator(new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN));
        key.setOnAction(event -> copy(table, row -> PayloadText.text(row.message().key())));
        var headers = new MenuItem("Copy headers");
        headers.setOnAction(event -> copy(table, MessageClipboard::headerLines));
        table.setContextMenu(new ContextMenu(value, key, headers));
    }

    private void copy(TableView<KeptMessage> table, Function<KeptMessage, String> part) {
        List<KeptMessage> selected = List.copyOf(table.getSelectionModel().getSelectedItems());
        if (selected.isEmpty()) {
            return;
        }
        browser.copyText(selected, part).thenAccept(text -> Platform.runLater(() -> {
            var content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
        }));
    }

    static String headerLines(KeptMessage row) {
        return row.message().headers().stream()
                .map(header -> header.name() + ": " + shown(header))
                .collect(Collectors.joining("\n"));
    }

    private static String shown(MessageHeader header) {
        return HeaderValues.show(header.name(), header.value()).text();
    }
}
