package dev.flowdeck.views.replay;

import atlantafx.base.theme.Styles;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.Failures;
import dev.flowdeck.replay.ReplaySummary;
import dev.flowdeck.views.common.Columns;
import dev.flowdeck.views.common.Formats;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The replays this machine ran, newest first, as their journals tell them: finished, interrupted (events never
 * sent) or in doubt (sends without a known outcome). An interrupted or doubtful one resumes here, exactly where its
 * journal says it stopped.
 */
public final class ReplayHistoryDialog extends Stage {

    private final TableView<ReplaySummary> table = new TableView<>();
    private final Label status = new Label("Reading the replays' journals…");

    /** @param ui the FX thread ({@code Platform::runLater}) */
    public ReplayHistoryDialog(Window owner, ReplayService service, ConnectionProfile profile, Executor ui) {
        initOwner(owner);
        setTitle("Replays");
        table.setId("replay-history");
        table.getStyleClass().add(Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No replays yet: a replay's journal is kept here once it starts."));
        table.getColumns().setAll(List.of(
                Columns.text("Began", summary -> summary.began() == null ? "" : Formats.timestamp(summary.began()),
                        150),
                Columns.text("State", summary -> summary.state().spoken(), 90),
                Columns.count("Events", summary -> (long) summary.events(), 70),
                Columns.count("Delivered", summary -> (long) summary.delivered(), 80),
                Columns.count("In doubt", summary -> (long) summary.inDoubt(), 70),
                Columns.count("Not sent", summary -> (long) summary.notSent(), 70),
                Columns.text("Replay", ReplaySummary::replayId, 280)));
        status.setId("replay-history-status");
        status.setWrapText(true);

        var resume = new Button("Resume…", new FontIcon("mdi2p-play-circle-outline"));
        resume.setId("replay-history-resume");
        resume.disableProperty().bind(table.getSelectionModel().selectedItemProperty().map(summary ->
                summary.state() == ReplaySummary.State.FINISHED || !summary.resumable()).orElse(true));
        resume.setOnAction(event -> {
            ReplaySummary chosen = table.getSelectionModel().getSelectedItem();
            new ReplayDialog(this, ReplayViewModel.resuming(service, profile, chosen, ui)).show();
        });
        var close = new Button("Close");
        close.setCancelButton(true);
        close.setOnAction(event -> close());
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var buttons = new HBox(8, status, spacer, resume, close);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox.setVgrow(table, Priority.ALWAYS);
        var body = new VBox(8, table, buttons);
        body.setPadding(new Insets(12));
        setScene(new Scene(new BorderPane(body), 860, 420));

        service.history().whenComplete((replays, failure) -> ui.execute(() -> {
            if (failure != null) {
                status.setText("The replays could not be listed: " + Failures.sentence(failure));
                return;
            }
            table.getItems().setAll(replays);
            long open = replays.stream().filter(summary -> summary.state() != ReplaySummary.State.FINISHED).count();
            status.setText(Formats.count(replays.size()) + (replays.size() == 1 ? " replay" : " replays")
                    + (open == 0 ? ", all finished." : ", " + Formats.count(open) + " to resume."));
        }));
    }
}
