package dev.flowdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowdeck.core.broker.BrokerKind;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.browse.StartPosition;
import dev.flowdeck.core.filter.FilterException;
import dev.flowdeck.core.filter.MessageFilter;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** From options to the browse request a connector gets: positions, partitions, filters, limits. */
class CommandLineParsingTest {

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    private static final String[] KAFKA = {"orders", "--bootstrap-server", "kafka:9092"};

    @Test
    void byDefaultEverythingFromTheBeginningUnfiltered() {
        BrowseRequest request = browse(BrokerKind.KAFKA);
        assertThat(request.destination()).isEqualTo("orders");
        assertThat(request.start()).isEqualTo(new StartPosition.Earliest());
        assertThat(request.partitions()).isEmpty();
        assertThat(request.follow()).isFalse();
        assertThat(request.limit()).isZero();
        assertThat(request.unfiltered()).as("no filter costs nothing per message").isTrue();
    }

    @Test
    void startPositionsPartitionsFollowAndLimit() {
        assertThat(browse(BrokerKind.KAFKA, "--last", "50").start()).isEqualTo(new StartPosition.LastN(50));
        assertThat(browse(BrokerKind.KAFKA, "--offset", "7").start()).isEqualTo(new StartPosition.Offset(7));
        assertThat(browse(BrokerKind.KAFKA, "--from-beginning").start()).isEqualTo(new StartPosition.Earliest());
        assertThat(browse(BrokerKind.KAFKA, "--partition", "0,2").partitions()).isEqualTo(Set.of(0, 2));
        assertThat(browse(BrokerKind.KAFKA, "-p", "1", "-p", "3").partitions()).isEqualTo(Set.of(1, 3));
        assertThat(browse(BrokerKind.KAFKA, "-f").follow()).isTrue();
        assertThat(browse(BrokerKind.KAFKA, "--follow", "--last", "10").start()).isEqualTo(new StartPosition.LastN(10));
        assertThat(browse(BrokerKind.KAFKA, "-n", "10").limit()).isEqualTo(10);
        assertThat(browse(BrokerKind.KAFKA, "-n", "10", "--contains", "x").limit()).isEqualTo(10);
        assertThat(browse(BrokerKind.RABBITMQ, "-n", "10").limit()).isEqualTo(10);
        assertThat(browse(BrokerKind.RABBITMQ, "-n", "10", "--contains", "x").limit())
                .as("a queue browse counts its limit in matches too").isEqualTo(10);
    }

    @Test
    void sinceSeeksOnKafkaAndFiltersEverywhere() {
        Instant fifteenMinutesAgo = NOW.minus(Duration.ofMinutes(15));
        BrowseRequest kafka = browse(BrokerKind.KAFKA, "--since", "15m");
        assertThat(kafka.start()).isEqualTo(new StartPosition.Timestamp(fifteenMinutesAgo));
        assertThat(kafka.filter()).isEqualTo(new MessageFilter.TimeRange(fifteenMinutesAgo, null));

        BrowseRequest rabbit = browse(BrokerKind.RABBITMQ, "--since", "15m");
        assertThat(rabbit.start()).as("a queue is read from its head").isEqualTo(new StartPosition.Earliest());
        assertThat(rabbit.filter()).isEqualTo(new MessageFilter.TimeRange(fifteenMinutesAgo, null));

        assertThat(browse(BrokerKind.KAFKA, "--since", "15m", "--from-beginning").start())
                .isEqualTo(new StartPosition.Earliest());
        assertThat(browse(BrokerKind.KAFKA, "--since", "15m", "--last", "5").start())
                .isEqualTo(new StartPosition.LastN(5));
    }

    @Test
    void sinceIsReadOnceSoTheSeekAndTheFilterAgree() {
        Clock ticking = new TickingClock(NOW);
        BrowseCommand command = parsed(ticking, "--since", "15m", "--until", "0s");
        BrowseRequest request = command.request(BrokerKind.KAFKA, command.checkedFilter());
        Instant from = NOW.minus(Duration.ofMinutes(15));
        assertThat(request.start()).isEqualTo(new StartPosition.Timestamp(from));
        assertThat(request.filter()).as("the seek's instant, and --until on the same reading")
                .isEqualTo(new MessageFilter.TimeRange(from, NOW));
        assertThat(ticking.instant()).as("the clock was read once").isEqualTo(NOW.plusSeconds(1));
        assertThat(request.everyValueRead()).as("every message read is written out").isTrue();
    }

    @Test
    void untilClosesTheRangeWithInstantsOrAges() {
        BrowseRequest request = browse(BrokerKind.KAFKA, "--since", "2026-05-01T09:00:00Z", "--until", "2h");
        assertThat(request.filter()).isEqualTo(new MessageFilter.TimeRange(Instant.parse("2026-05-01T09:00:00Z"),
                Instant.parse("2026-05-01T10:00:00Z")));
        assertThat(request.filter().test(message("k", "v", Instant.parse("2026-05-01T09:59:59Z")))).isTrue();
        assertThat(request.filter().test(message("k", "v", Instant.parse("2026-05-01T10:00:00Z")))).isFalse();
    }

    @Test
    void everyFilterGivenMustPass() {
        BrowseRequest request = browse(BrokerKind.KAFKA, "--contains", "PAID", "--regex", "ord-\\d+", "--key", "k1",
                "--header", "type=OrderPaid", "--header", "trace", "--jsonpath", "$.amount > 100");
        MessageFilter filter = request.filter();
        assertThat(MessageFilter.requiredKey(filter)).as("what narrows a Kafka key search").isPresent();
        String value = "{\"id\":\"ord-17\",\"status\":\"PAID\",\"amount\":120}";
        var headers = List.of(new MessageHeader("type", bytes("OrderPaid")), new MessageHeader("trace", bytes("t")));
        assertThat(filter.test(message("k1", value, NOW, headers))).isTrue();
        assertThat(filter.test(message("k2", value, NOW, headers))).as("key").isFalse();
        assertThat(filter.test(message("k1", value.replace("PAID", "OPEN"), NOW, headers))).as("text").isFalse();
        assertThat(filter.test(message("k1", value.replace("ord-17", "ord-x"), NOW, headers))).as("regex").isFalse();
        assertThat(filter.test(message("k1", value.replace("120", "99"), NOW, headers))).as("jsonpath").isFalse();
        assertThat(filter.test(message("k1", value, NOW, headers.subList(0, 1)))).as("header exists").isFalse();
        assertThat(filter.test(message("k1", value, NOW,
                List.of(new MessageHeader("type", bytes("OrderPlaced")), headers.get(1))))).as("header value")
                .isFalse();
    }

    @Test
    void containsCanIgnoreCase() {
        MessageFilter filter = browse(BrokerKind.KAFKA, "--contains", "paid", "-i").filter();
        assertThat(filter.test(message("k", "PAID", NOW))).isTrue();
        assertThat(browse(BrokerKind.KAFKA, "--contains", "paid").filter().test(message("k", "PAID", NOW))).isFalse();
    }

    @Test
    void contradictionsAreUsageErrors() {
        assertUsage("Choose one start", "--last", "5", "--offset", "3");
        assertUsage("Choose one start", "--from-beginning", "--last", "5");
        assertUsage("--last needs a positive number", "--last", "0");
        assertUsage("--offset needs an offset of 0 or more", "--offset", "-1");
        assertUsage("--limit needs a positive number", "--limit", "0");
        assertUsage("Partitions are numbered from 0", "--partition", "-1");
        assertUsage("is not before --until", "--since", "1h", "--until", "2h");
        assertUsage("--follow reads on without end", "--follow", "--until", "1h");
        assertUsage("--header: A header filter needs a name", "--header", "=x");
        assertUsage("--header: A header filter needs a name", "--header", " ");
    }

    @Test
    void filtersThatDoNotParseSayWhy() {
        assertThatThrownBy(() -> browse(BrokerKind.KAFKA, "--regex", "(?<=x)y"))
                .isInstanceOf(FilterException.class).hasMessageContaining("RE2 syntax");
        assertThatThrownBy(() -> browse(BrokerKind.KAFKA, "--jsonpath", "amount > 1"))
                .isInstanceOf(FilterException.class).hasMessageContaining("starts with a path");
    }

    @Test
    void outputFollowsTheFileNameWhenNotSaid() {
        assertThat(output().chosenFormat()).isEqualTo(OutputOptions.Format.TABLE);
        assertThat(output("--out", "x.jsonl").chosenFormat()).isEqualTo(OutputOptions.Format.JSONL);
        assertThat(output("--out", "x.CSV").chosenFormat()).isEqualTo(OutputOptions.Format.CSV);
        assertThat(output("--out", "x.csv", "-o", "jsonl").chosenFormat()).isEqualTo(OutputOptions.Format.JSONL);
    }

    private OutputOptions output(String... args) {
        BrowseCommand command = parsed(args);
        command.checkedFilter();
        return command.output;
    }

    private void assertUsage(String message, String... args) {
        assertThatThrownBy(() -> browse(BrokerKind.KAFKA, args)).as(String.join(" ", args))
                .isInstanceOf(UsageException.class).hasMessageContaining(message);
    }

    private BrowseRequest browse(BrokerKind kind, String... args) {
        BrowseCommand command = parsed(args);
        return command.request(kind, command.checkedFilter());
    }

    private BrowseCommand parsed(String... args) {
        return parsed(Clock.fixed(NOW, ZoneOffset.UTC), args);
    }

    private BrowseCommand parsed(Clock clock, String... args) {
        var nowhere = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        var environment = CliRun.cli().clock(clock).environment(nowhere, nowhere);
        var command = new BrowseCommand(environment);
        var all = new java.util.ArrayList<>(List.of(KAFKA));
        all.addAll(List.of(args));
        new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(all.toArray(String[]::new));
        return command;
    }

    /** A clock one second further on each time it is read, as a real one would be between two readings. */
    private static final class TickingClock extends Clock {
        private Instant next;

        TickingClock(Instant first) {
            next = first;
        }

        @Override
        public Instant instant() {
            Instant now = next;
            next = next.plusSeconds(1);
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private static BrowsedMessage message(String key, String value, Instant time) {
        return message(key, value, time, List.of());
    }

    private static BrowsedMessage message(String key, String value, Instant time, List<MessageHeader> headers) {
        return new BrowsedMessage("orders", 0, 1, time, bytes(key), bytes(value), headers);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
