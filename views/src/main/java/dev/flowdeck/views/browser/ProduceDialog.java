package dev.flowdeck.views.browser;

import dev.flowdeck.core.broker.Failures;
import dev.flowdeck.core.browse.KeptMessage;
import dev.flowdeck.core.decode.DecodedValue;
import dev.flowdeck.core.decode.PayloadText;
import dev.flowdeck.core.decode.SchemaAccess;
import dev.flowdeck.core.publish.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
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
    private final ComboBox<String> encoding = new ComboBox<>();
    private final TextField subject = new TextField();
    private final TextField version = new TextField();
    private final TextField schemaId = new TextField();
    private final TextField messageType = new TextField();

    static final String AS_TYPED = "As typed (no schema)";
    static final String IN_SCHEMA = "In a schema (the registry's wire format)";

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
        boolean schemas = kafka && browser.decodable() && browser.schemas().hasRegistry();
        if (schemas) {
            row = schemaRows(grid, row, browser);
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
            if (schemas && IN_SCHEMA.equals(encoding.getValue()) && message.value() != null) {
                SchemaAccess.SchemaChoice choice;
                try {
                    choice = choice();
                } catch (IllegalArgumentException invalid) {
                    sendButton.setDisable(false);
                    verdict.setText(invalid.getMessage());
                    return;
                }
                verdict.setText("Encoding and sending…");
                browser.publishEncoded(message, choice).whenComplete((produced, failure) -> Platform.runLater(() -> {
                    sendButton.setDisable(false);
                    verdict.setText(failure != null ? Failures.sentence(failure)
                            : "Sent as " + produced.encoded().format() + " with schema id "
                            + produced.encoded().schemaId() + " to partition " + produced.receipt().partition()
                            + " at offset " + produced.receipt().offset() + ".");
                }));
                return;
            }
            verdict.setText("Sending…");
            browser.publish(message).whenComplete((receipt, failure) -> Platform.runLater(() -> {
                sendButton.setDisable(false);
                verdict.setText(failure != null ? Failures.sentence(failure)
                        : receipt.offset() < 0 ? "Sent: the broker confirmed it."
                        : "Sent to partition " + receipt.partition() + " at offset " + receipt.offset() + ".");
            }));
        });
    }

    /**
     * How the value is sent on a topic of a connection with a registry: as typed, or written as JSON and encoded in
     * a subject's version (latest by default) or a schema id, the one of the selected message when it has one (then
     * its JSON is the value to start from).
     */
    private int schemaRows(GridPane grid, int row, BrowserViewModel browser) {
        encoding.setId("produce-encoding");
        encoding.getItems().setAll(AS_TYPED, IN_SCHEMA);
        subject.setId("produce-subject");
        subject.setText(browser.destination() + "-value"); // the serializers' default subject name
        version.setId("produce-version");
        version.setPromptText("latest");
        schemaId.setId("produce-schema-id");
        schemaId.setPromptText("blank: the subject's version");
        messageType.setId("produce-message-type");
        messageType.setPromptText("Protobuf: such as shop.Refund (blank if the schema has one message)");
        KeptMessage started = browser.selectedProperty().get();
        DecodedValue decoded = started == null ? null : started.message().decoded();
        boolean framed = decoded != null && decoded.schemaId() >= 0;
        String format = browser.decodeAsProperty().get();
        // A Protobuf schema may declare several messages that take the same JSON: the one to write is the one the
        // selected record was (its message indexes), else the one "Decode as" names for the topic; never a guess.
        String formatType = format.startsWith("protobuf:") ? format.substring("protobuf:".length()).strip() : "";
        messageType.setText(framed && !decoded.messageType().isEmpty() ? decoded.messageType() : formatType);
        boolean schemaTopic = framed || format.startsWith("avro") || format.startsWith("protobuf")
                || format.startsWith("json-schema");
        encoding.setValue(schemaTopic ? IN_SCHEMA : AS_TYPED);
        if (schemaTopic) {
            // Sending this topic's readers plain JSON is a choice the operator makes knowingly, never by default.
            encoding.valueProperty().subscribe(chosen -> verdict.setText(AS_TYPED.equals(chosen)
                    ? "The value will be sent as typed, not in the topic's schema: its readers may not read it." : ""));
        }
        if (framed) {
            schemaId.setText(Integer.toString(decoded.schemaId()));
            if (decoded.isRead() && !decoded.jsonCut() && value.getText().isEmpty()) {
                value.setText(PayloadText.prettyJson(decoded.json())
                        .orElse(new String(decoded.json(), StandardCharsets.UTF_8)));
            }
        }
        var inSchema = encoding.valueProperty().isEqualTo(IN_SCHEMA);
        for (var field : List.of(subject, version, schemaId, messageType)) {
            field.disableProperty().bind(inSchema.not());
        }
        grid.addRow(row++, new Label("Encode"), encoding);
        grid.addRow(row++, new Label("Subject"), subject);
        grid.addRow(row++, new Label("Version"), version);
        grid.addRow(row++, new Label("Schema id"), schemaId);
        grid.addRow(row++, new Label("Message type"), messageType);
        return row;
    }

    /** @throws IllegalArgumentException a sentence when the version or id is not a number */
    private SchemaAccess.SchemaChoice choice() {
        String id = schemaId.getText().strip();
        SchemaAccess.SchemaChoice choice;
        if (!id.isEmpty()) {
            choice = SchemaAccess.SchemaChoice.id(number(id, "The schema id"));
        } else {
            String which = version.getText().strip();
            int number = which.isEmpty() || which.equalsIgnoreCase("latest") ? -1 : number(which, "The version");
            choice = SchemaAccess.SchemaChoice.subject(subject.getText().strip(), number);
        }
        return choice.withMessageType(messageType.getText());
    }

    private static int number(String text, String what) {
        try {
            int number = Integer.parseInt(text);
            if (number < 0) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is a number such as 3 (or blank), not '" + text + "'.", e);
        }
    }
}
