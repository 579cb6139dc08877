package dev.flowdeck.views.browser;

import dev.flowdeck.core.broker.Failures;
import dev.flowdeck.core.publish.OutgoingMessage;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.stage.Window;

/**
 * Composes one message and sends it to the destination being browsed. The dialog stays open until the broker has
 * confirmed the message, and says where it landed; a refusal (a read-only profile, a message no queue takes) is shown
 * as the connector worded it, and nothing typed is lost.
 */
final class ProduceDialog extends Dialog<Void> {

    private final TextField key = new TextField();
    private final TextArea value = new TextArea();
    private final CheckBox tombstone = new CheckBox("No value (a tombstone)");
    private final TextArea headers = new TextArea();
    private final TextField partition = new TextField();
    private final Label verdict = new Label();

    ProduceDialog(Window owner, BrowserViewModel browser, boolean kafka) {
        initOwner(owner);
        setTitle("Produce to " + browser.destination());
        setHeaderText(kafka ? "A new record for topic " + browser.destination()
                : "A new message for queue " + browser.destination() + " (through the default exchange)");
        getDialogPane().setId("produce-dialog");
        key.setId("produce-key");
        value.setId("produce-value");
        value.setPrefRowCount(8);
        value.setStyle("-fx-font-family: monospace;");
        tombstone.setId("produce-tombstone");
        value.disableProperty().bind(tombstone.selectedProperty());
        headers.setId("produce-headers");
        headers.setPrefRowCount(3);
        headers.setPromptText("one per line, name: value");
        partition.setId("produce-partition");
        partition.setPromptText("blank: chosen by the key");
        verdict.setId("produce-verdict");
        verdict.setWrapText(true);

        var grid = new GridPane(8, 8);
        grid.setPadding(new Insets(8));
        int row = 0;
        if (kafka) {
            grid.addRow(row++, new Label("Key"), key);
            grid.addRow(row++, new Label("Partition"), partition);
        }
        grid.addRow(row++, new Label("Value"), value);
        if (kafka) {
            grid.add(tombstone, 1, row++);
        }
        grid.addRow(row++, new Label("Headers"), headers);
        grid.add(verdict, 0, row, 2, 1);
        GridPane.setHgrow(value, Priority.ALWAYS);
        getDialogPane().setContent(grid);

        var send = new ButtonType("Send", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().setAll(send, ButtonType.CLOSE);
        var sendButton = getDialogPane().lookupButton(send);
        sendButton.setId("produce-send");
        sendButton.addEventFilter(ActionEvent.ACTION, event -> {
            event.consume(); // stay open: the verdict is shown here, and the operator may send another
            OutgoingMessage message;
            try {
                message = new ProduceForm(kafka, key.getText(), value.getText(), tombstone.isSelected(),
                        headers.getText(), partition.getText()).toMessage(browser.destination());
            } catch (IllegalArgumentException invalid) {
                verdict.setText(invalid.getMessage());
                return;
            }
            sendButton.setDisable(true);
            verdict.setText("Sending…");
            browser.publish(message).whenComplete((receipt, failure) -> Platform.runLater(() -> {
                sendButton.setDisable(false);
                verdict.setText(failure != null ? Failures.sentence(failure)
                        : receipt.offset() < 0 ? "Sent: the broker confirmed it."
                        : "Sent to partition " + receipt.partition() + " at offset " + receipt.offset() + ".");
            }));
        });
    }
}
