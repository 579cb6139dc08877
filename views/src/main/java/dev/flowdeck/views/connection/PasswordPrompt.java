package dev.flowdeck.views.connection;

import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Asks for one secret: a profile's password when none is stored, or the master password of the secrets file.
 * With {@code confirm}, the secret is typed twice and must match (a new master password).
 */
public final class PasswordPrompt extends Dialog<String> {

    private PasswordPrompt(Window owner, String title, String question, boolean confirm) {
        initOwner(owner);
        setTitle(title);
        setHeaderText(null);
        getDialogPane().setId("password-prompt");
        var first = new PasswordField();
        first.setId("prompt-password");
        var second = new PasswordField();
        second.setId("prompt-password-again");
        second.setPromptText("once more");
        var problem = new Label();
        problem.setId("prompt-problem");
        var content = new VBox(8, new Label(question), first);
        if (confirm) {
            content.getChildren().add(second);
        }
        content.getChildren().add(problem);
        content.setPadding(new Insets(12));
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().lookupButton(ButtonType.OK).addEventFilter(javafx.event.ActionEvent.ACTION, event -> {
            if (first.getText().isEmpty()) {
                problem.setText("Type the password, or cancel.");
                event.consume();
            } else if (confirm && !first.getText().equals(second.getText())) {
                problem.setText("The two do not match.");
                event.consume();
            }
        });
        setResultConverter(button -> button == ButtonType.OK ? first.getText() : null);
        setOnShown(event -> first.requestFocus());
    }

    /** A profile's password, kept where the catalog keeps secrets. */
    public static Optional<String> forProfile(Window owner, String profile, String user, String whereKept) {
        return new PasswordPrompt(owner, "Password for " + profile,
                "Password of " + user + " on " + profile + " (kept in " + whereKept + "):", false).showAndWait();
    }

    /** The master password of the secrets file; {@code create} asks twice. */
    public static Optional<String> masterPassword(Window owner, boolean create) {
        return new PasswordPrompt(owner, create ? "Choose a master password" : "Master password",
                create ? "No OS keychain answered. Choose a master password to keep the connections' passwords in "
                        + "an encrypted file. It is never stored; if it is lost, the passwords must be typed anew."
                        : "The connections' passwords are in a file encrypted with your master password:",
                create).showAndWait();
    }
}
