package dev.flowdeck.views.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.KeptMessage;
import dev.flowdeck.core.browse.MessageBatch;
import dev.flowdeck.core.browse.StartPosition;
import dev.flowdeck.core.export.ExportFormat;
import dev.flowdeck.core.mask.MaskRule;
import dev.flowdeck.core.mask.Masking;
import dev.flowdeck.core.mask.MaskingSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final ScriptedConnection connection = new ScriptedConnection();
    private final ScanExport export = new ScanExport(connection, Runnable::run, Runnable::run,
            row -> CompletableFuture.completedFuture(row), () -> Masking.NONE);

    @Test
    void everyMatchIsReadAgainAndStreamedToTheFile() throws Exception {
        connection.script = List.of(batch(0, 3), batch(3, 2));
        Path file = dir.resolve("orders.jsonl");

        export.everyMatch(BrowseRequest.fromBeginning("orders").following(), file, ExportFormat.JSON_LINES);

        await().atMost(Duration.ofSeconds(5)).until(() -> !export.runningProperty().get());
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(5);
        assertThat(JSON.readTree(lines.get(4)).path("offset").asLong()).isEqualTo(4);
        assertThat(export.statusProperty().get()).isEqualTo("Exported 5 messages to " + file + ".");
        // A live tail is exported up to now, not forever.
        assertThat(connection.requests.getFirst().follow()).isFalse();
    }

    @Test
    void theSelectedRowsAreWrittenInTheirOrder() throws Exception {
        Path file = dir.resolve("picked.csv");
        var rows = List.of(KeptMessage.of(message(9), 1024), KeptMessage.of(message(2), 1024));

        long written = export.rows(rows, file, ExportFormat.CSV).toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(written).isEqualTo(2);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("orders,0,9,");
        assertThat(lines.get(2)).startsWith("orders,0,2,");
    }

    @Test
    void aLiveTailIsNotReadAgainButSaysHowToExportIt() {
        var tail = new BrowseRequest("orders", new StartPosition.Latest(), Set.of(), true);

        export.everyMatch(tail, dir.resolve("tail.jsonl"), ExportFormat.JSON_LINES);

        assertThat(connection.requests).isEmpty();
        assertThat(export.runningProperty().get()).isFalse();
        assertThat(export.statusProperty().get()).startsWith("A live tail has no range to read again");
    }

    @Test
    void rowsThatCannotBeReadAgainWholeAreCountedInTheStatus() throws Exception {
        var queueLike = new ScanExport(connection, Runnable::run, Runnable::run,
                row -> CompletableFuture.completedFuture(row), () -> Masking.NONE); // a queue: what is kept is all there is
        var cut = KeptMessage.of(new BrowsedMessage("billing", 0, 3, Instant.EPOCH, null, new byte[100],
                List.of()), 10);
        Path file = dir.resolve("queue.jsonl");

        long written = queueLike.rows(List.of(cut, KeptMessage.of(message(4), 1024)), file, ExportFormat.JSON_LINES)
                .toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(written).isEqualTo(2);
        assertThat(queueLike.statusProperty().get()).isEqualTo("Exported 2 messages (1 of them cut: they could "
                + "not be read again) to " + file + ".");
    }

    @Test
    void cancelKeepsWhatWasWrittenAndSaysSo() throws Exception {
        connection.script = List.of(batch(0, 4));
        connection.holdOpen = new CountDownLatch(1);
        Path file = dir.resolve("tail.jsonl");
        export.everyMatch(BrowseRequest.fromBeginning("orders"), file, ExportFormat.JSON_LINES);
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(file) && Files.readAllLines(file).size() == 4);

        export.cancel();

        await().atMost(Duration.ofSeconds(5)).until(() -> !export.runningProperty().get());
        assertThat(export.statusProperty().get()).isEqualTo("Export cancelled: 4 messages written to " + file + ".");
        assertThat(connection.cancelled).isTrue();
        connection.holdOpen.countDown();
    }

    @Test
    void aFileThatCannotBeWrittenIsAPlainFailure() {
        Path file = dir.resolve("no-such-dir").resolve("x.jsonl");

        export.everyMatch(BrowseRequest.fromBeginning("orders"), file, ExportFormat.JSON_LINES);

        await().atMost(Duration.ofSeconds(5)).until(() -> !export.runningProperty().get());
        assertThat(export.statusProperty().get()).startsWith("Export failed: Cannot write to " + file);
    }

    @Test
    void bothExportsWriteWhatTheProfileMasksMaskedAndReadBackWithoutIt() throws Exception {
        var masking = Masking.of(new MaskingSettings(List.of(MaskRule.parse("$.n mask")), false, false), null);
        var masked = new ScanExport(connection, Runnable::run, Runnable::run,
                row -> CompletableFuture.completedFuture(row), () -> masking);
        Path selected = dir.resolve("selected.jsonl");
        masked.rows(List.of(KeptMessage.of(message(7), 1024)), selected, ExportFormat.JSON_LINES)
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(JSON.readTree(JSON.readTree(Files.readString(selected)).path("value").asText()).path("n").asText())
                .isEqualTo(Masking.MASKED);

        connection.script = List.of(batch(0, 3));
        Path every = dir.resolve("every.csv");
        masked.everyMatch(BrowseRequest.fromBeginning("orders"), every, ExportFormat.CSV);
        await().atMost(Duration.ofSeconds(5)).until(() -> !masked.runningProperty().get());
        List<String> lines = Files.readAllLines(every);
        assertThat(lines).hasSize(4);
        assertThat(lines.subList(1, 4)).allSatisfy(line -> assertThat(line).contains(Masking.MASKED)
                .doesNotContain("\"\"n\"\":0", "\"\"n\"\":1", "\"\"n\"\":2"));
    }

    private static MessageBatch batch(long first, int size) {
        var messages = new ArrayList<BrowsedMessage>();
        for (int i = 0; i < size; i++) {
            messages.add(message(first + i));
        }
        return new MessageBatch(messages, first + size, first + size, 100);
    }

    private static BrowsedMessage message(long offset) {
        return new BrowsedMessage("orders", 0, offset, Instant.EPOCH, null,
                ("{\"n\":" + offset + "}").getBytes(StandardCharsets.UTF_8), List.of());
    }
}
