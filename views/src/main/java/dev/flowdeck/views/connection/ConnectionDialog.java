package dev.flowdeck.views.connection;

import dev.flowdeck.core.broker.BrokerKind;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.Failures;
import dev.flowdeck.core.profile.ProfileCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.collections.FXCollections;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Create or edit a connection: the fields of {@link ConnectionForm}, a "Test connection" button with a clear
 * verdict, an import of a Kafka {@code client.properties}, and Save. Saving and testing run off the FX thread; the
 * dialog stays responsive and says what it is doing. The dialog's result is the saved profile.
 */
public final class ConnectionDialog extends Dialog<ConnectionProfile> {

    private final ConnectionForm form;
    private final ProfileCatalog catalog;
    private final Executor ui;
    private final Label verdict = new Label();

    public ConnectionDialog(Window owner, ConnectionForm form, ProfileCatalog catalog, Executor ui, boolean editing) {
        this.form = form;
        this.catalog = catalog;
        this.ui = ui;
        initOwner(owner);
        setTitle(editing ? "Edit connection" : "New connection");
        setResizable(true);
        getDialogPane().setId("connection-dialog");

        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().setAll(save, ButtonType.CANCEL);
        Button saveButton = (Button) getDialogPane().lookupButton(save);
        saveButton.setId("save-connection");
        saveButton.addEventFilter(ActionEvent.ACTION, event -> {
            event.consume(); // the dialog closes once the save has succeeded, not before
            saveAndClose(saveButton);
        });
        setResultConverter(button -> null);
        getDialogPane().setContent(content(owner));
    }

    private GridPane content(Window owner) {
        var grid = new GridPane(10, 8);
        grid.setPadding(new Insets(12));
        int row = 0;

        var kind = new ComboBox<>(FXCollections.observableArrayList(BrokerKind.values()));
        kind.setId("connection-kind");
        kind.valueProperty().bindBidirectional(form.kindProperty());
        grid.addRow(row++, new Label("Broker"), kind);
        grid.addRow(row++, new Label("Name"), field("connection-name", form.nameProperty(), "prod-eu"));
        var address = field("connection-address", form.addressProperty(), "kafka-1:9092,kafka-2:9092");
        form.kindProperty().subscribe(k -> address.setPromptText(
                k == BrokerKind.KAFKA ? "kafka-1:9092,kafka-2:9092" : "amqp://rabbit:5672/%2F"));
        grid.addRow(row++, new Label("Address"), address);

        var protocol = new ComboBox<>(FXCollections.observableArrayList(ConnectionForm.SECURITY_PROTOCOLS));
        protocol.setId("connection-protocol");
        protocol.valueProperty().bindBidirectional(form.securityProtocolProperty());
        var mechanism = new ComboBox<>(FXCollections.observableArrayList(ConnectionForm.SASL_MECHANISMS));
        mechanism.setId("connection-mechanism");
        mechanism.valueProperty().bindBidirectional(form.saslMechanismProperty());
        mechanism.disableProperty().bind(form.usesSasl().not());
        var security = new HBox(8, protocol, mechanism);
        var securityLabel = new Label("Security");
        grid.addRow(row++, securityLabel, security);
        showForKafka(true, securityLabel, security);

        grid.addRow(row++, new Label("User"), field("connection-user", form.usernameProperty(), "optional"));
        var password = new PasswordField();
        password.setId("connection-password");
        password.textProperty().bindBidirectional(form.passwordProperty());
        password.setPromptText("empty keeps the saved one");
        grid.addRow(row++, new Label("Password"), password);
        var whereKept = new Label("Passwords are kept in " + catalog.secretsDescription() + ".");
        whereKept.setId("secrets-where");
        whereKept.setWrapText(true);
        whereKept.getStyleClass().add("text-muted");
        var protect = new Hyperlink("Keep them in a file encrypted with a master password instead…");
        protect.setId("use-master-password");
        protect.setVisible(!catalog.secretsPersist());
        protect.setManaged(protect.isVisible());
        protect.setOnAction(event -> PasswordPrompt.masterPassword(getDialogPane().getScene().getWindow(), true)
                .ifPresent(master -> catalog.protectWithMasterPassword(master.toCharArray())
                        .whenComplete((ignored, failure) -> ui.execute(() -> {
                            if (failure != null) {
                                verdict.setText("Not switched: " + message(failure));
                            } else {
                                whereKept.setText("Passwords are kept in " + catalog.secretsDescription() + ".");
                                protect.setVisible(false);
                                protect.setManaged(false);
                            }
                        }))));
        grid.addRow(row++, new Label(), new VBox(2, whereKept, protect));

        var truststoreLabel = new Label("Trust store");
        var truststore = new HBox(8, field("connection-truststore", form.truststoreProperty(), "path to .jks or .p12"),
                secret("connection-truststore-password", form.truststorePasswordProperty(), "its password"));
        grid.addRow(row++, truststoreLabel, truststore);
        var keystoreLabel = new Label("Key store (mTLS)");
        var keystore = new HBox(8, field("connection-keystore", form.keystoreProperty(), "path, for client certificates"),
                secret("connection-keystore-password", form.keystorePasswordProperty(), "its password"));
        grid.addRow(row++, keystoreLabel, keystore);
        showForKafka(true, truststoreLabel, truststore, keystoreLabel, keystore);

        var managementLabel = new Label("Management API");
        var management = field("connection-management-url", form.managementUrlProperty(),
                "default: http://<host>:15672/api/");
        grid.addRow(row++, managementLabel, management);
        showForKafka(false, managementLabel, management);

        var more = new TextArea();
        more.setId("connection-more");
        more.setPrefRowCount(3);
        more.setPromptText("more client properties, one key=value a line");
        more.textProperty().bindBidirectional(form.morePropertiesProperty());
        grid.addRow(row++, new Label("More"), more);

        var readOnly = new CheckBox("Read-only: refuse every write (publish, offset reset, replay)");
        readOnly.setId("connection-read-only");
        readOnly.selectedProperty().bindBidirectional(form.readOnlyProperty());
        var production = new CheckBox("Production: mark with a warning band");
        production.setId("connection-production");
        production.selectedProperty().bindBidirectional(form.productionProperty());
        grid.addRow(row++, new Label(), new HBox(16, production, readOnly));

        // Masking: what operators of this profile see of personal and payment data (decision 0022).
        var masking = new TextArea();
        masking.setId("connection-masking");
        masking.setPrefRowCount(3);
        masking.setPromptText("one rule a line: $.card.number mask, $..email hash, header authorization remove "
                + "(a browser's \"Suggest masking rules\" proposes some from the messages it read)");
        masking.textProperty().bindBidirectional(form.maskingRulesProperty());
        grid.addRow(row++, new Label("Masking"), masking);
        var textPii = new CheckBox("Mask card numbers, e-mail addresses and IBANs in text values");
        textPii.setId("connection-mask-text");
        textPii.selectedProperty().bindBidirectional(form.maskTextPiiProperty());
        var reveal = new CheckBox("May reveal a masked field (each reveal is in the audit log)");
        reveal.setId("connection-may-reveal");
        reveal.selectedProperty().bindBidirectional(form.mayRevealProperty());
        grid.addRow(row++, new Label(), new HBox(16, textPii, reveal));

        var test = new Button("Test connection", new FontIcon("mdi2l-lan-check"));
        test.setId("test-connection");
        test.setOnAction(event -> test(test));
        var importButton = new Button("Import client.properties…", new FontIcon("mdi2f-file-import-outline"));
        importButton.setOnAction(event -> importFile(owner));
        showForKafka(true, importButton);
        verdict.setId("connection-verdict");
        verdict.setWrapText(true);
        verdict.setMaxWidth(520);
        grid.addRow(row++, new Label(), new HBox(8, test, importButton));
        grid.addRow(row, new Label(), verdict);
        return grid;
    }

    /** The form as a profile, or empty after saying what is wrong with it. */
    private Optional<ConnectionProfile> profileOrSayWhy() {
        try {
            return Optional.of(form.toProfile());
        } catch (IllegalArgumentException e) {
            verdict.setText(e.getMessage());
            return Optional.empty();
        }
    }

    private void test(Button button) {
        ConnectionProfile profile = profileOrSayWhy().orElse(null);
        if (profile == null) {
            return;
        }
        button.setDisable(true);
        verdict.setText("Testing " + profile.address() + "…");
        catalog.test(profile, form.secrets()).whenComplete((overview, failure) -> ui.execute(() -> {
            button.setDisable(false);
            verdict.setText(failure == null
                    ? "Connected: " + overview.version() + ", " + overview.brokerCount()
                            + (overview.brokerCount() == 1 ? " broker." : " brokers.")
                    : "Failed: " + message(failure));
        }));
    }

    private void saveAndClose(Button button) {
        ConnectionProfile profile = profileOrSayWhy().orElse(null);
        if (profile == null) {
            return;
        }
        button.setDisable(true);
        catalog.save(profile, form.secrets()).whenComplete((saved, failure) -> ui.execute(() -> {
            button.setDisable(false);
            if (failure != null) {
                verdict.setText("Not saved: " + message(failure));
            } else {
                setResult(saved);
                close();
            }
        }));
    }

    private void importFile(Window owner) {
        var chooser = new FileChooser();
        chooser.setTitle("Import a Kafka client.properties");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Properties", "*.properties", "*.conf"));
        var file = chooser.showOpenDialog(owner);
        if (file == null) {
            return;
        }
        try {
            form.importClientProperties(Files.readString(file.toPath()));
            verdict.setText("Imported " + file.getName() + ". Test the connection, then save.");
        } catch (IOException | IllegalArgumentException e) {
            verdict.setText("Cannot import " + file.getName() + ": " + e.getMessage());
        }
    }

    private void showForKafka(boolean kafka, javafx.scene.Node... nodes) {
        for (var node : nodes) {
            node.visibleProperty().bind(kafka ? form.isKafka() : form.isKafka().not());
            node.managedProperty().bind(node.visibleProperty());
        }
    }

    private static TextField field(String id, javafx.beans.property.StringProperty property, String prompt) {
        var field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount(28);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    private static PasswordField secret(String id, javafx.beans.property.StringProperty property, String prompt) {
        var field = new PasswordField();
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    private static String message(Throwable failure) {
        return Failures.sentence(failure);
    }
}
