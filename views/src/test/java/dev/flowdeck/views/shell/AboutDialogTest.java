package dev.flowdeck.views.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

class AboutDialogTest {

    private static final List<AboutDialog.Line> LINES = List.of(new AboutDialog.Line("Flowdeck", "0.1.0"),
            new AboutDialog.Line("Java", "25.0.3"), new AboutDialog.Line("kafka-clients", "4.4.0"));

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void listsEachComponentWithItsVersionAndCopiesThemWithoutClosing() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        Alert about = onFx(() -> {
            stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 300, 200));
            stage.show();
            var dialog = AboutDialog.create(stage, LINES);
            dialog.show();
            return dialog;
        });

        List<String> shown = onFx(() -> about.getDialogPane().getContent().lookupAll(".label").stream()
                .map(node -> ((Label) node).getText()).toList());
        assertThat(shown).containsExactly("Flowdeck", "0.1.0", "Java", "25.0.3", "kafka-clients", "4.4.0");

        onFx(() -> {
            about.getDialogPane().getButtonTypes().stream().filter(type -> type.getText().equals("Copy versions"))
                    .map(type -> (Button) about.getDialogPane().lookupButton(type)).findFirst().orElseThrow().fire();
            return null;
        });
        assertThat(onFx(() -> Clipboard.getSystemClipboard().getString()))
                .isEqualTo("Flowdeck 0.1.0\nJava 25.0.3\nkafka-clients 4.4.0");
        assertThat(onFx(about::isShowing)).isTrue();
        onFx(() -> {
            about.close();
            return null;
        });
    }

    private static <T> T onFx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
    }
}
