package dev.flowdeck.views.settings;

import atlantafx.base.theme.Styles;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Settings… (Ctrl+,): Flowdeck's own telemetry and the tracing UI's link; saved at once, used as each says. */
public final class SettingsDialog {

    private final Stage stage = new Stage();

    /** @param save told the settings when the operator saves them (on the FX thread) */
    public SettingsDialog(Window owner, Settings current, Consumer<Settings> save) {
        var form = new SettingsForm(current);
        var endpoint = new TextField();
        endpoint.setId("settings-otlp-endpoint");
        endpoint.setPromptText("off (for example http://localhost:4318/v1/traces)");
        endpoint.textProperty().bindBidirectional(form.otlpEndpointProperty());
        var endpointNote = note("Flowdeck's own spans (scans, indexes, replays) go there over OTLP/HTTP from the next "
                + "start. --otlp-endpoint and OTEL_EXPORTER_OTLP_ENDPOINT, when given, come first.");
        var template = new TextField();
        template.setId("settings-trace-url");
        template.setPromptText("no link (for example http://localhost:16686/trace/{traceId})");
        template.textProperty().bindBidirectional(form.traceUrlTemplateProperty());
        var templateNote = note("The \"Open in tracing UI\" link of every cluster whose profile names none "
                + "(Jaeger, Tempo, Zipkin); for traces views opened after saving.");

        var grid = new GridPane(12, 6);
        grid.addRow(0, new Label("Send own traces to"), endpoint);
        grid.add(endpointNote, 1, 1);
        grid.addRow(2, new Label("Tracing UI link"), template);
        grid.add(templateNote, 1, 3);
        GridPane.setHgrow(endpoint, Priority.ALWAYS);
        GridPane.setHgrow(template, Priority.ALWAYS);

        var problem = new Label();
        problem.setId("settings-problem");
        problem.getStyleClass().add(Styles.DANGER);
        problem.setWrapText(true);
        problem.textProperty().bind(form.problemProperty());
        var saveButton = new Button("Save");
        saveButton.setId("settings-save");
        saveButton.setDefaultButton(true);
        saveButton.disableProperty().bind(form.problemProperty().isNotEmpty());
        saveButton.setOnAction(event -> {
            save.accept(form.settings());
            stage.close();
        });
        var cancel = new Button("Cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(event -> stage.close());
        var buttons = new HBox(8, saveButton, cancel);

        var root = new VBox(12, grid, problem, buttons);
        root.setId("settings-dialog");
        root.setPadding(new Insets(16));
        var scene = new Scene(root, 640, 260);
        scene.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ESCAPE) {
                stage.close();
            }
        });
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Settings");
        stage.setScene(scene);
    }

    public void show() {
        stage.show();
    }

    private static Label note(String text) {
        var note = new Label(text);
        note.getStyleClass().add(Styles.TEXT_MUTED);
        note.setWrapText(true);
        return note;
    }
}
