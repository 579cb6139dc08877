package dev.flowdeck.app;

import dev.flowdeck.core.broker.Failures;
import dev.flowdeck.replay.PlanFile;
import dev.flowdeck.replay.ReplayPlan;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.Stage;

/**
 * A saved replay plan opened from the desktop (the installers associate {@code .plan.json} with Flowdeck): what it
 * would send and how to apply it after review. The file is read off the FX thread.
 */
final class PlanSummary {

    private PlanSummary() {
    }

    static void show(Stage owner, Path file, Executor io) {
        io.execute(() -> {
            String header;
            String text;
            try {
                ReplayPlan plan = PlanFile.read(file);
                header = "Replay plan " + plan.id();
                text = describe(plan, file);
            } catch (RuntimeException e) {
                header = "This replay plan could not be opened";
                text = Failures.firstLine(e) + "\nCheck that the file is a plan saved by Flowdeck (flowdeck replay"
                        + " --save-plan or the replay dialog) and that this Flowdeck is as new as the one that saved it.";
            }
            String title = header;
            String body = text;
            Platform.runLater(() -> {
                var alert = new Alert(Alert.AlertType.INFORMATION, body);
                alert.initOwner(owner);
                alert.setTitle("Replay plan");
                alert.setHeaderText(title);
                alert.show();
            });
        });
    }

    static String describe(ReplayPlan plan, Path file) {
        return """
                Made %s from %s.
                %s: %d event(s) to send to %s; %d held back.
                After review, apply it with:  flowdeck replay --plan "%s" (plus the cluster's options)""".formatted(
                plan.createdAt(), plan.source(), plan.mode().name().toLowerCase(java.util.Locale.ROOT),
                plan.events().size(), plan.targets().isEmpty() ? "no target" : String.join(", ", plan.targets()),
                plan.held().size(), file);
    }
}
