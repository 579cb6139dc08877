package dev.flowdeck.views.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.ScriptedBrowses;
import dev.flowdeck.core.broker.TopicSummary;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageBatch;
import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.deadletter.DeadLetterGroup;
import dev.flowdeck.core.mask.MaskRule;
import dev.flowdeck.core.mask.MaskingSettings;
import dev.flowdeck.views.mask.ProfileMasking;
import dev.flowdeck.views.replay.ReplayService;
import dev.flowdeck.views.replay.ReplayViewModel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The inbox against scripted listings and browses, every signal on the calling thread. */
class DeadLetterInboxViewModelTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    /** The inbox itself never replays: only a replay dialog's view model asks. */
    private static final ReplayService NO_REPLAYS = null;

    private final ScriptedBrowses broker = new ScriptedBrowses();

    @Test
    void opensOnTheFullestDeadLetterDestinationAndGroupsItsLettersByCause() {
        broker.listing(List.of(new TopicSummary("orders", 3, 1, 900), new TopicSummary("orders.DLT", 1, 1, 1),
                new TopicSummary("payments.DLT", 1, 1, 3)));
        broker.script("payments.DLT", ScriptedBrowses.End.COMPLETE, new MessageBatch(List.of(
                letter(0, "com.acme.Timeout", "no answer within 3000 ms"),
                letter(1, "com.acme.CardDeclined", "card 4711 declined"),
                letter(2, "com.acme.Timeout", "no answer within 10 ms")), 3, 3, 3));
        var inbox = new DeadLetterInboxViewModel(broker, ConnectionProfile.kafka("shop", "localhost:9092"),
                Runnable::run, NO_REPLAYS);

        inbox.refresh();

        assertThat(inbox.destinations()).extracting(DeadLetterInboxViewModel.InboxDestination::name)
                .containsExactly("orders.DLT", "payments.DLT");
        assertThat(inbox.selectedDestinationProperty().get().name()).isEqualTo("payments.DLT");
        assertThat(inbox.runningProperty().get()).isFalse();
        assertThat(inbox.statusProperty().get()).isEqualTo("3 dead letters in payments.DLT, 2 causes.");
        assertThat(inbox.groups()).extracting(DeadLetterGroup::count).containsExactly(2L, 1L);
        assertThat(inbox.selectedGroupProperty().get()).as("the biggest cause, chosen once read")
                .isEqualTo(inbox.groups().getFirst());

        inbox.selectedGroupProperty().set(null);
        assertThat(inbox.letters()).as("no cause chosen: every letter").hasSize(3);
        inbox.selectedGroupProperty().set(inbox.groups().getFirst());

        assertThat(inbox.letters()).extracting(letter -> letter.message().offset()).containsExactly(0L, 2L);
        assertThat(inbox.replaySelectedGroup()).get().extracting(ReplayViewModel::title)
                .isEqualTo("Replay 2 dead letters of payments.DLT");
        assertThat(inbox.selectedLetterProperty().get().message().offset()).isEqualTo(0L);
        assertThat(LetterSummary.describe(inbox.selectedLetterProperty().get()))
                .contains("Failure:    com.acme.Timeout", "Message:    no answer within 3000 ms",
                        "Came from:  payments-0@40", "Read as:    Spring Kafka");
    }

    @Test
    void comingBackReadsTheChosenDestinationAgainSinceDeadLettersKeepArriving() {
        broker.listing(List.of(new TopicSummary("orders.DLT", 1, 1, 1)));
        broker.script("orders.DLT", ScriptedBrowses.End.COMPLETE,
                new MessageBatch(List.of(letter(0, "com.acme.Timeout", "late")), 1, 1, 1));
        var inbox = new DeadLetterInboxViewModel(broker, ConnectionProfile.kafka("shop", "localhost:9092"),
                Runnable::run, NO_REPLAYS);
        inbox.refresh();
        broker.listing(List.of(new TopicSummary("orders.DLT", 1, 1, 2)));
        broker.script("orders.DLT", ScriptedBrowses.End.COMPLETE, new MessageBatch(List.of(
                letter(0, "com.acme.Timeout", "late"), letter(1, "com.acme.Timeout", "late")), 2, 2, 2));

        inbox.refresh();

        assertThat(inbox.destinations()).singleElement().extracting(
                DeadLetterInboxViewModel.InboxDestination::messages).isEqualTo(2L);
        assertThat(inbox.groups()).singleElement().extracting(DeadLetterGroup::count).isEqualTo(2L);
        assertThat(inbox.letters()).hasSize(2);
        assertThat(broker.requests).hasSize(2);
    }

    @Test
    void anEmptyDeadLetterDestinationSaysAllClearAndNoneAtAllSaysWhereItLooked() {
        broker.listing(List.of(new TopicSummary("orders.DLT", 1, 1, 0)));
        broker.script("orders.DLT", ScriptedBrowses.End.COMPLETE, new MessageBatch(List.of(), 0, 0, 0));
        var inbox = new DeadLetterInboxViewModel(broker, ConnectionProfile.kafka("shop", "localhost:9092"),
                Runnable::run, NO_REPLAYS);

        inbox.refresh();

        assertThat(inbox.statusProperty().get()).isEqualTo("No dead letters in orders.DLT: all clear.");

        var none = new DeadLetterInboxViewModel(new ScriptedBrowses().listing(List.of(
                new TopicSummary("orders", 1, 1, 5))), ConnectionProfile.kafka("shop", "localhost:9092"),
                Runnable::run, NO_REPLAYS);
        none.refresh();
        assertThat(none.statusProperty().get()).startsWith("No dead-letter destinations on shop: ");
        assertThat(none.selectedDestinationProperty().get()).isNull();
    }

    @Test
    void aBrokerThatFailsMidScanLeavesASentenceAndWhatWasCounted() {
        broker.listing(List.of(new TopicSummary("orders.DLT", 1, 1, 2)));
        broker.script("orders.DLT", ScriptedBrowses.End.FAIL,
                new MessageBatch(List.of(letter(0, "com.acme.Timeout", "late")), 1, 1, 2));
        var inbox = new DeadLetterInboxViewModel(broker, ConnectionProfile.kafka("shop", "localhost:9092"),
                Runnable::run, NO_REPLAYS);

        inbox.refresh();

        assertThat(inbox.errorProperty().get()).isEqualTo("Broker went away");
        assertThat(inbox.statusProperty().get()).isEqualTo("orders.DLT could not be read to its end.");
        assertThat(inbox.groups()).extracting(DeadLetterGroup::count).containsExactly(1L);
        assertThat(inbox.runningProperty().get()).isFalse();
    }

    @Test
    void aLetterIsShownMaskedButGroupedAsRead() {
        broker.listing(List.of(new TopicSummary("payments.DLT", 1, 1, 2)));
        broker.script("payments.DLT", ScriptedBrowses.End.COMPLETE, new MessageBatch(List.of(
                letter(0, "com.acme.CardDeclined", "card 4111111111111111 declined"),
                letter(1, "com.acme.CardDeclined", "card 5500000000000004 declined")), 2, 2, 2));
        var masking = new MaskingSettings(List.of(MaskRule.parse("$.orderId hash"),
                MaskRule.parse("header kafka_dlt-exception-message mask")), false, false);
        var profile = ConnectionProfile.kafka("shop", "localhost:9092").withMasking(masking);
        var inbox = new DeadLetterInboxViewModel(broker, profile, Runnable::run, NO_REPLAYS);
        inbox.useMasking(ProfileMasking.forSession(profile));

        inbox.refresh();

        // Grouped by the raw headers: the card numbers are masked out of the cause as always, one group.
        assertThat(inbox.groups()).singleElement().extracting(DeadLetterGroup::count).isEqualTo(2L);
        var shown = inbox.shown(inbox.letters().getFirst());
        assertThat(shown.groupId()).isEqualTo(inbox.letters().getFirst().groupId());
        String summary = LetterSummary.describe(shown);
        assertThat(summary).contains("Message:    •••", "\"orderId\": \"hash:").doesNotContain("4111", "ord-9\"");
    }

    @Test
    void theCauseAndTheLettersMessageAreReadAsMaskingLetsThemBeReadWhileGroupingReadsTheRawHeaders() {
        broker.listing(List.of(new TopicSummary("payments.DLT", 1, 1, 3)));
        broker.script("payments.DLT", ScriptedBrowses.End.COMPLETE, new MessageBatch(List.of(
                letter(0, "com.acme.UnknownCustomer", "no customer ada@example.com"),
                letter(1, "com.acme.UnknownCustomer", "no customer bob@example.com"),
                letter(2, "com.acme.Declined", "card 4111111111111111 of ada@example.com declined")), 3, 3, 3));
        var textPii = new MaskingSettings(List.of(), true, false);
        var profile = ConnectionProfile.kafka("shop", "localhost:9092").withMasking(textPii);
        var inbox = new DeadLetterInboxViewModel(broker, profile, Runnable::run, NO_REPLAYS);
        inbox.useMasking(ProfileMasking.forSession(profile));

        inbox.refresh();

        // The raw fingerprints keep the unquoted addresses apart: three groups, as without masking.
        assertThat(inbox.groups()).hasSize(3);
        assertThat(inbox.groups()).map(inbox::cause).containsExactlyInAnyOrder(
                "com.acme.UnknownCustomer: no customer •••", "com.acme.UnknownCustomer: no customer •••",
                "com.acme.Declined: card ••• of ••• declined");
        inbox.selectedGroupProperty().set(null);
        assertThat(inbox.letters()).map(inbox::failureText).containsExactly("no customer •••",
                "no customer •••", "card ••• of ••• declined");
        inbox.selectedGroupProperty().set(inbox.groups().getFirst());
        assertThat(inbox.replaySelectedGroup()).get().extracting(ReplayViewModel::cause).asString()
                .doesNotContain("@example.com").contains("•••");

        // A header rule on the exception message masks the cause whatever it says.
        var rule = new MaskingSettings(List.of(MaskRule.parse("header kafka_dlt-exception-message mask")), false,
                false);
        var ruled = ConnectionProfile.kafka("shop", "localhost:9092").withMasking(rule);
        var second = new DeadLetterInboxViewModel(broker, ruled, Runnable::run, NO_REPLAYS);
        second.useMasking(ProfileMasking.forSession(ruled));
        broker.script("payments.DLT", ScriptedBrowses.End.COMPLETE, new MessageBatch(List.of(
                letter(0, "com.acme.UnknownCustomer", "no customer ada@example.com")), 1, 1, 1));
        second.refresh();
        assertThat(second.groups()).map(second::cause).containsExactly("com.acme.UnknownCustomer: •••");
    }

    private static BrowsedMessage letter(long offset, String thrown, String message) {
        return new BrowsedMessage("payments.DLT", 0, offset, T0.plusSeconds(offset),
                "ord-9".getBytes(StandardCharsets.UTF_8), "{\"orderId\":\"ord-9\"}".getBytes(StandardCharsets.UTF_8),
                List.of(header("kafka_dlt-original-topic", "payments"), header("kafka_dlt-original-partition", "\0\0\0\0"),
                        header("kafka_dlt-original-offset", "\0\0\0\0\0\0\0("),
                        header("kafka_dlt-exception-fqcn", thrown), header("kafka_dlt-exception-message", message)));
    }

    private static MessageHeader header(String name, String value) {
        return new MessageHeader(name, value.getBytes(StandardCharsets.ISO_8859_1));
    }
}
