package dev.flowdeck.views.trace;

import static dev.flowdeck.views.trace.TraceViewModelTest.A;
import static dev.flowdeck.views.trace.TraceViewModelTest.C;
import static dev.flowdeck.views.trace.TraceViewModelTest.D;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.trace.ChainEvent;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The chain view over the scripted shop's index: lanes, marks, the event list, and opening an event. */
class ChainViewTest {

    private final FxRobot robot = new FxRobot();
    private final ExecutorService indexing = Executors.newSingleThreadExecutor();
    private final List<ChainEvent> opened = new CopyOnWriteArrayList<>();
    private TraceViewModel model;
    private ChainView view;

    @BeforeEach
    void show() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        onFx(() -> {
            model = new TraceViewModel(TraceViewModelTest.shop(), ConnectionProfile.kafka("shop", "localhost:9092"),
                    Platform::runLater, indexing, Clock.fixed(ScriptedTraces.T0.plusSeconds(5), ZoneOffset.UTC));
            view = new ChainView(model, opened::add);
            stage.setScene(new Scene(view, 1100, 500));
            stage.show();
            model.index();
            return null;
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(model::indexed));
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        indexing.shutdownNow();
    }

    @Test
    void aChainThatStoppedHasALanePerDestinationItReachedAndTheExpectedOneFlagged() throws Exception {
        onFx(() -> {
            model.search(D);
            return null;
        });
        ChainPicture picture = onFx(() -> view.timeline().picture());

        assertThat(picture.lanes()).extracting(ChainPicture.Lane::destination)
                .containsExactly("orders", "payments", "shipping");
        assertThat(picture.lanes()).extracting(ChainPicture.Lane::expected).containsExactly(false, false, true);
        assertThat(picture.marks()).extracting(mark -> mark.event().destination())
                .containsExactly("orders", "payments");
        assertThat(picture.marks().get(1).x()).as("later events further right")
                .isGreaterThan(picture.marks().get(0).x());
        assertThat(picture.hops()).extracting(ChainPicture.HopLabel::text).containsExactly("100 ms");
        assertThat(picture.stop()).hasValueSatisfying(flag -> {
            assertThat(flag.text()).isEqualTo("expected next: shipping, never came (1.2 s since)");
            assertThat(flag.y()).isEqualTo(picture.lanes().get(2).middle());
        });
        assertThat(onFx(() -> robot.lookup("#chain-summary").queryAs(Label.class).getText())).isEqualTo(
                "Stopped at payments: expected next: shipping (60% of events there go on), never came, 1.2 s after"
                        + " its last event.");
    }

    @Test
    void aDeadLetterIsARedMarkOnItsOwnLaneWithItsReasonAndTheListHoldsTheEvents() throws Exception {
        onFx(() -> {
            model.search(C);
            return null;
        });
        ChainPicture picture = onFx(() -> view.timeline().picture());

        assertThat(picture.lanes()).extracting(ChainPicture.Lane::destination)
                .as("dead-lettered from payments, so it also stopped short of shipping")
                .containsExactly("orders", "payments", "payments-dlt", "shipping");
        assertThat(picture.lanes()).extracting(ChainPicture.Lane::deadLetter).containsExactly(false, false, true, false);
        assertThat(picture.lanes().getLast().expected()).isTrue();
        assertThat(picture.hops()).extracting(ChainPicture.HopLabel::intoDeadLetter).containsExactly(false, true);
        ChainPicture.Mark dead = picture.marks().getLast();
        Color drawn = onFx(() -> {
            WritableImage image = view.timeline().snapshot(null, null);
            return image.getPixelReader().getColor((int) dead.x(), (int) dead.y());
        });
        assertThat(drawn).as("the dead letter's mark").isEqualTo(ChainTimeline.DEAD);
        assertThat(onFx(() -> view.table().getItems()).stream().map(ChainEvent::destination))
                .containsExactly("orders", "payments", "payments-dlt");
        assertThat(onFx(() -> robot.lookup("#chain-summary").queryAs(Label.class).getText()))
                .startsWith("Dead-lettered to payments-dlt: CardDeclined.");
    }

    @Test
    void doubleClickingAMarkOrPressingEnterOnARowOpensTheEvent() throws Exception {
        onFx(() -> {
            model.search(A);
            return null;
        });
        ChainPicture.Mark payments = onFx(() -> view.timeline().picture()).marks().get(1);
        Point2D onScreen = onFx(() -> view.timeline().localToScreen(payments.x(), payments.y()));
        robot.doubleClickOn(onScreen);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(opened).extracting(ChainEvent::destination).containsExactly("payments");
        assertThat(onFx(() -> view.table().getSelectionModel().getSelectedItem().destination()))
                .as("the mark clicked is selected in the list").isEqualTo("payments");

        onFx(() -> {
            view.table().getSelectionModel().select(2);
            view.table().requestFocus();
            return null;
        });
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(opened).extracting(ChainEvent::destination).containsExactly("payments", "shipping");

        TableRow<?> first = onFx(() -> robot.lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(row -> row.getIndex() == 0).findFirst().orElseThrow());
        robot.doubleClickOn(first);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(opened).extracting(ChainEvent::destination).containsExactly("payments", "shipping", "orders");
    }

    private static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }
}
