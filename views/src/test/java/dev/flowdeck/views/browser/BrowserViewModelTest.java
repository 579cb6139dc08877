package dev.flowdeck.views.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageBatch;
import dev.flowdeck.core.browse.PartitionOffsets;
import dev.flowdeck.core.browse.StartPosition;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BrowserViewModelTest {

    private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");

    private final ScriptedConnection connection = new ScriptedConnection();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    // The drains run on the timer's single thread: the same one-thread rule as the FX thread in the app.
    private final BrowserViewModel browser = new BrowserViewModel(connection, "orders", true, Runnable::run,
            Runnable::run, timer,
            Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void aScanStreamsItsBatchesIntoTheRowsAndEndsDone() {
        connection.script = List.of(batch(0, 300, 300, 1_000), batch(300, 200, 1_000, 1_000));
        browser.form().positionProperty().set(Position.BEGINNING);

        browser.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> !browser.scanningProperty().get());
        assertThat(browser.rows()).hasSize(500);
        assertThat(browser.rows().getFirst().message().offset()).isZero();
        assertThat(browser.progressProperty().get().scanned()).isEqualTo(1_000);
        assertThat(browser.statusProperty().get()).startsWith("Done. 1,000 scanned, 500 messages in ");
        assertThat(connection.requests.getFirst().start()).isEqualTo(new StartPosition.Earliest());
    }

    @Test
    void aSearchKeepsTheFirstTenThousandMatchesAndSaysSoWhileCountingOn() {
        var batches = new ArrayList<MessageBatch>();
        for (int i = 0; i < 30; i++) {
            batches.add(batch(i * 500, 500, (i + 1) * 5_000L, 150_000));
        }
        connection.script = batches;
        browser.form().containsProperty().set("EUR");

        browser.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> !browser.scanningProperty().get());
        assertThat(browser.rows()).hasSize(BrowserViewModel.ROW_CAP);
        assertThat(browser.rows().getLast().message().offset()).isEqualTo(9_999);
        assertThat(browser.notesProperty().get()).contains("Showing the first 10,000 matches; 5,000 more");
        assertThat(browser.statusProperty().get()).startsWith("Done. 150,000 scanned, 15,000 matches");
    }

    @Test
    void valuesReadThroughASchemaHaveTheirJsonMadeForTheKeptRowsOnlyAndNotOnTheUiThread() {
        List<String> madeOn = new java.util.concurrent.CopyOnWriteArrayList<>();
        var batches = new ArrayList<MessageBatch>();
        for (int i = 0; i < 24; i++) {
            var messages = new ArrayList<BrowsedMessage>();
            for (int j = 0; j < 500; j++) {
                long offset = i * 500L + j;
                byte[] json = ("{\"n\":" + offset + "}").getBytes(StandardCharsets.UTF_8);
                var decoded = dev.flowdeck.core.decode.DecodedValue.read("Avro", 7, "", "", () -> {
                    madeOn.add(Thread.currentThread().getName());
                    return json;
                });
                messages.add(new BrowsedMessage("orders", 0, offset, NOW, null, new byte[] {0, 0, 0, 0, 7},
                        List.of()).withDecoded(decoded));
            }
            batches.add(new MessageBatch(messages, (i + 1) * 500L, (i + 1) * 500L, 12_000));
        }
        connection.script = batches;

        browser.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> !browser.scanningProperty().get());
        assertThat(browser.rows()).hasSize(BrowserViewModel.ROW_CAP);
        assertThat(madeOn).as("one JSON a kept row, none for the 2,000 past the cap").hasSize(BrowserViewModel.ROW_CAP)
                .containsOnly("scripted-browse");
        assertThat(browser.rows()).allSatisfy(row -> assertThat(row.message().decoded().jsonMade()).isTrue());
        assertThat(new String(browser.rows().getLast().message().readableValue(), StandardCharsets.UTF_8))
                .isEqualTo("{\"n\":9999}");
    }

    @Test
    void aLiveTailKeepsTheNewestRows() {
        var batches = new ArrayList<MessageBatch>();
        for (int i = 0; i < 12; i++) {
            batches.add(batch(i * 1_000, 1_000, (i + 1) * 1_000L, (i + 1) * 1_000L));
        }
        connection.script = batches;
        connection.holdOpen = new CountDownLatch(1);
        browser.form().positionProperty().set(Position.LIVE);

        browser.start();

        // Rows reach the list a slice per pulse: the last slice may come after the tally.
        await().atMost(Duration.ofSeconds(5)).until(() -> browser.progressProperty().get().scanned() == 12_000
                && browser.rows().size() == BrowserViewModel.ROW_CAP
                && browser.rows().getFirst().message().offset() == 2_000);
        assertThat(browser.scanningProperty().get()).isTrue();
        assertThat(connection.requests.getFirst().follow()).isTrue();

        browser.cancel();

        assertThat(connection.cancelled).isTrue();
        assertThat(browser.scanningProperty().get()).isFalse();
        assertThat(browser.statusProperty().get()).startsWith("Stopped. 12,000 scanned");
        connection.holdOpen.countDown();
    }

    @Test
    void aFormThatDoesNotParseSaysWhyAndStartsNothing() {
        browser.form().positionProperty().set(Position.OFFSET);
        browser.form().positionValueProperty().set("twelve");

        browser.start();

        assertThat(browser.errorProperty().get())
                .isEqualTo("The offset is a whole number such as 1200; 'twelve' is not.");
        assertThat(connection.requests).isEmpty();

        browser.form().positionValueProperty().set("12");
        browser.form().regexProperty().set("(unclosed");
        browser.start();
        assertThat(browser.errorProperty().get()).startsWith("The regular expression is not valid");
        assertThat(connection.requests).isEmpty();
    }

    @Test
    void aBadFieldWhileAScanRunsLeavesTheScanRunningAndStoppable() {
        connection.script = List.of(batch(0, 5, 5, 100));
        connection.holdOpen = new CountDownLatch(1);
        browser.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> browser.rows().size() == 5);

        browser.form().regexProperty().set("(unclosed");
        browser.start();

        assertThat(browser.errorProperty().get()).startsWith("The regular expression is not valid");
        assertThat(browser.scanningProperty().get()).isTrue();
        assertThat(connection.requests).hasSize(1);
        browser.cancel();
        assertThat(browser.scanningProperty().get()).isFalse();
        assertThat(connection.cancelled).isTrue();
        connection.holdOpen.countDown();
    }

    @Test
    void aFailureKeepsTheRowsAndSaysWhatHappened() {
        connection.script = List.of(batch(0, 10, 10, 100));
        connection.failAtEnd = new BrokerException("Kafka at 127.0.0.1:9 stopped answering.", null);

        browser.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> !browser.scanningProperty().get());
        assertThat(browser.rows()).hasSize(10);
        assertThat(browser.errorProperty().get()).isEqualTo("Kafka at 127.0.0.1:9 stopped answering.");
        assertThat(browser.statusProperty().get()).startsWith("Failed. 10 scanned");
    }

    @Test
    void aNewScanReplacesTheOldOneAndIgnoresItsLateBatches() {
        connection.script = List.of(batch(0, 50, 50, 100));
        connection.holdOpen = new CountDownLatch(1);
        browser.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> browser.rows().size() == 50);

        connection.holdOpen = null;
        connection.script = List.of(batch(1_000, 5, 5, 5));
        browser.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> !browser.scanningProperty().get());
        assertThat(connection.cancelled).isTrue();
        assertThat(browser.rows()).extracting(row -> row.message().offset()).containsExactly(1_000L, 1_001L,
                1_002L, 1_003L, 1_004L);
    }

    @Test
    void decodeAsReadsKeptRowsFromTheirRawBytesAndACutOneSaysItIsReadWholeWhenSelected() {
        var schemas = new SchemaViewTest.ScriptedSchemas();
        schemas.format = "binary";
        browser.useSchemas(schemas);
        byte[] bigFrame = new byte[1024 * 1024]; // a zero byte first: the registry's frame
        var small = new BrowsedMessage("orders", 0, 6, NOW, null, new byte[] {0, 0, 0, 0, 7, 2, 'x'}, List.of());
        var big = new BrowsedMessage("orders", 0, 7, NOW, null, bigFrame, List.of());
        connection.script = List.of(new MessageBatch(List.of(small, big), 2, 2, 2));
        browser.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> !browser.scanningProperty().get());
        assertThat(browser.rows()).extracting(row -> row.message().decoded()).containsOnlyNulls();

        browser.decodeAs("avro");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(browser.decodeStatusProperty().get())
                .isEqualTo("orders is read as avro: 2 rows read again."));
        assertThat(browser.rows().getFirst().message().decoded().isRead()).isTrue();
        assertThat(browser.rows().get(1).message().decoded().problem()).isEqualTo("Only the first 4.0 KiB of this "
                + "value are kept in the list: select it to read it whole as avro.");
        assertThat(browser.rows().get(1).valueBytes()).isEqualTo(1024 * 1024); // its size as read
        assertThat(schemas.saved).containsExactly("orders=avro");
    }

    @Test
    void largeValuesAreCutInTheRows() {
        var big = new BrowsedMessage("orders", 0, 7, NOW, null, new byte[1024 * 1024], List.of());
        connection.script = List.of(new MessageBatch(List.of(big), 1, 1, 1));

        browser.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> !browser.scanningProperty().get());
        assertThat(browser.rows().getFirst().message().value()).hasSize(BrowserViewModel.SEEKABLE_BUDGET);
        assertThat(browser.rows().getFirst().valueBytes()).isEqualTo(1024 * 1024);
        assertThat(browser.rows().getFirst().truncated()).isTrue();
    }

    @Test
    void selectingACutRowFetchesItWholeAndDecodesIt() {
        byte[] json = ("{\"orderId\":\"o-1\",\"pad\":\"" + "x".repeat(9_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        var big = new BrowsedMessage("orders", 0, 7, NOW, "o-1".getBytes(StandardCharsets.UTF_8), json,
                List.of(new dev.flowdeck.core.browse.MessageHeader("traceparent",
                        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".getBytes(StandardCharsets.UTF_8))));
        connection.script = List.of(new MessageBatch(List.of(big), 1, 1, 1));
        browser.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> !browser.scanningProperty().get());
        assertThat(browser.rows().getFirst().truncated()).isTrue();

        // The fetch is a browse of one record at the row's offset: the script plays the whole message again.
        browser.selectedProperty().set(browser.rows().getFirst());

        await().atMost(Duration.ofSeconds(5)).until(() -> browser.inspectionProperty().get() != null);
        MessageInspection shown = browser.inspectionProperty().get();
        assertThat(shown.whole()).isTrue();
        assertThat(shown.valueKind()).isEqualTo(dev.flowdeck.core.decode.PayloadKind.JSON);
        assertThat(shown.valueText()).startsWith("{\n").contains("\"orderId\": \"o-1\"");
        assertThat(shown.valueTree()).isPresent();
        assertThat(shown.traceId()).contains("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(shown.keyText()).isEqualTo("o-1");
        assertThat(shown.coordinates()).startsWith("orders · partition 0 · offset 7 · ");
        var fetch = connection.requests.getLast();
        assertThat(fetch.start()).isEqualTo(new StartPosition.Offset(7));
        assertThat(fetch.limit()).isEqualTo(1);
    }

    @Test
    void aValueReadThroughItsSchemaShowsItsJsonItsSchemaAndItsBytesInHex() {
        byte[] raw = {0, 0, 0, 0, 7, 2, 'x'};
        var read = dev.flowdeck.core.decode.DecodedValue.read("Avro", 7, "orders-value v2",
                "{\"type\":\"record\",\"name\":\"Order\",\"fields\":[]}",
                "{\"orderId\":\"o-9\"}".getBytes(StandardCharsets.UTF_8));
        var avro = new BrowsedMessage("orders", 0, 3, NOW, null, raw, List.of()).withDecoded(read);
        var broken = new BrowsedMessage("orders", 0, 4, NOW, null, raw, List.of()).withDecoded(
                dev.flowdeck.core.decode.DecodedValue.failed("Avro", 8, "The registry has no schema id 8."));
        connection.script = List.of(new MessageBatch(List.of(avro, broken), 2, 2, 2));
        browser.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> !browser.scanningProperty().get());

        browser.selectedProperty().set(browser.rows().getFirst());
        await().atMost(Duration.ofSeconds(5)).until(() -> browser.inspectionProperty().get() != null);
        MessageInspection shown = browser.inspectionProperty().get();
        assertThat(shown.valueKind()).isEqualTo(dev.flowdeck.core.decode.PayloadKind.JSON);
        assertThat(shown.valueText()).contains("\"orderId\": \"o-9\"");
        assertThat(shown.valueTree()).isPresent();
        assertThat(shown.valueHex()).startsWith("00000000  00 00 00 00 07 02 78");
        assertThat(shown.note()).contains("Read as Avro, schema id 7 (orders-value v2).");
        assertThat(shown.schema()).startsWith("Avro schema id 7\nSubject orders-value v2\n\n{")
                .contains("\"name\": \"Order\"");

        browser.selectedProperty().set(browser.rows().get(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> browser.inspectionProperty().get() != null
                && browser.inspectionProperty().get().row().message().offset() == 4);
        MessageInspection failed = browser.inspectionProperty().get();
        assertThat(failed.note()).contains("Not read through its schema: Avro, schema id 8: The registry has no "
                + "schema id 8.");
        assertThat(failed.valueKind()).isEqualTo(dev.flowdeck.core.decode.PayloadKind.BINARY);
    }

    @Test
    void aGzippedRabbitValueShowsItsJsonMaskedAndSaysHowItWasRead() throws Exception {
        String order = "{\"orderId\":\"o-5\",\"customer\":{\"email\":\"ada@example.com\"}}";
        var compressed = new java.io.ByteArrayOutputStream();
        try (var gzip = new java.util.zip.GZIPOutputStream(compressed)) {
            gzip.write(order.getBytes(StandardCharsets.UTF_8));
        }
        // As the RabbitMQ connector hands it over: the bytes as published, read by its properties.
        var message = new BrowsedMessage("orders", 0, 5, NOW, null, compressed.toByteArray(), List.of())
                .withDecoded(dev.flowdeck.core.decode.ContentDecoding.PLAIN.decode("application/json", "gzip", null,
                        compressed.toByteArray()));
        var profile = dev.flowdeck.core.broker.ConnectionProfile.rabbitMq("shop", "amqp://localhost").withMasking(
                new dev.flowdeck.core.mask.MaskingSettings(List.of(dev.flowdeck.core.mask.MaskRule.parse(
                        "$.customer.email mask")), false, false));
        browser.useMasking(dev.flowdeck.views.mask.ProfileMasking.forSession(profile));
        connection.script = List.of(new MessageBatch(List.of(message), 1, 1, 1));
        browser.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> !browser.scanningProperty().get());

        browser.selectedProperty().set(browser.rows().getFirst());
        await().atMost(Duration.ofSeconds(5)).until(() -> browser.inspectionProperty().get() != null);
        MessageInspection shown = browser.inspectionProperty().get();

        assertThat(shown.valueKind()).isEqualTo(dev.flowdeck.core.decode.PayloadKind.JSON);
        assertThat(shown.valueText()).contains("\"orderId\": \"o-5\"", "\"email\": \"•••\"")
                .doesNotContain("ada@example.com");
        assertThat(shown.note()).contains("Read as gzip-compressed application/json.");
        assertThat(shown.valueHex()).as("the compressed bytes would inflate to the address")
                .doesNotContain("1f 8b");
    }

    @Test
    void aRabbitValueThatDoesNotInflateSaysSoAndShowsItsBytes() {
        byte[] notGzip = {1, 2, 3, (byte) 0xff};
        var message = new BrowsedMessage("orders", 0, 6, NOW, null, notGzip, List.of()).withDecoded(
                dev.flowdeck.core.decode.ContentDecoding.PLAIN.decode("application/json", "gzip", null, notGzip));

        MessageInspection shown = MessageInspection.of(dev.flowdeck.core.browse.KeptMessage.of(message, 4096), true);

        assertThat(shown.note()).contains("Not read: gzip: The value says it is gzip-compressed but does not "
                + "inflate");
        assertThat(shown.valueKind()).isEqualTo(dev.flowdeck.core.decode.PayloadKind.BINARY);
        assertThat(shown.valueHex()).startsWith("00000000  01 02 03 ff");
    }

    @Test
    void copiedTextHasEveryCutValueWholeOneLinePerRow() throws Exception {
        String long_ = "x".repeat(BrowserViewModel.SEEKABLE_BUDGET * 2);
        var big = new BrowsedMessage("orders", 0, 7, NOW, null, long_.getBytes(StandardCharsets.UTF_8), List.of());
        connection.script = List.of(new MessageBatch(List.of(big), 1, 1, 1)); // what a fetch at offset 7 reads
        var cut = dev.flowdeck.core.browse.KeptMessage.of(big, BrowserViewModel.SEEKABLE_BUDGET);
        var small = dev.flowdeck.core.browse.KeptMessage.of(new BrowsedMessage("orders", 0, 8, NOW, null,
                "short".getBytes(StandardCharsets.UTF_8), List.of()), BrowserViewModel.SEEKABLE_BUDGET);

        String text = browser.copyText(List.of(cut, small),
                row -> new String(row.message().value(), StandardCharsets.UTF_8))
                .toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(text).isEqualTo(long_ + "\nshort");
        assertThat(connection.requests).hasSize(1); // only the cut row was read again
    }

    @Test
    void partitionRatesComeFromTwoReadings() {
        var now = new java.util.concurrent.atomic.AtomicReference<>(NOW);
        Clock ticking = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        var rates = new BrowserViewModel(connection, "orders", true, Runnable::run, Runnable::run, timer, ticking);
        connection.ranges = List.of(new PartitionOffsets(0, 0, 100), new PartitionOffsets(1, 5, 50));
        rates.refreshPartitions();
        assertThat(rates.partitions()).extracting(PartitionRow::perSecond).containsExactly(-1.0, -1.0);

        now.set(NOW.plusSeconds(2));
        connection.ranges = List.of(new PartitionOffsets(0, 0, 200), new PartitionOffsets(1, 5, 50));
        rates.refreshPartitions();

        assertThat(rates.partitions()).extracting(PartitionRow::perSecond).containsExactly(50.0, 0.0);
        assertThat(rates.partitions().get(1).count()).isEqualTo(45);
    }

    /** {@code size} messages from offset {@code first}; the scan has read {@code scanned} of {@code total}. */
    private static MessageBatch batch(long first, int size, long scanned, long total) {
        var messages = new ArrayList<BrowsedMessage>();
        for (int i = 0; i < size; i++) {
            messages.add(new BrowsedMessage("orders", 0, first + i, NOW, null,
                    ("{\"n\":" + (first + i) + "}").getBytes(StandardCharsets.UTF_8), List.of()));
        }
        return new MessageBatch(messages, scanned, first + size, total);
    }
}
