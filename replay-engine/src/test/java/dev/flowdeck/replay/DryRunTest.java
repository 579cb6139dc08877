package dev.flowdeck.replay;

import static dev.flowdeck.replay.Messages.header;
import static dev.flowdeck.replay.Messages.kafkaDeadLetter;
import static dev.flowdeck.replay.Messages.kafkaSelection;
import static dev.flowdeck.replay.Messages.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import dev.flowdeck.core.mask.HashKey;
import dev.flowdeck.core.mask.MaskRule;
import dev.flowdeck.core.mask.Masking;
import dev.flowdeck.core.mask.MaskingSettings;
import org.junit.jupiter.api.Test;

class DryRunTest {

    @Test
    void showsPerEventTheHeaderAndPayloadChangesAndWhereItGoesWithTotals() {
        ReplayPlan plan = new ReplayPlanner(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), () -> "r-9",
                DeadLetterHeaders.KNOWN_CONVENTIONS, 2).plan(kafkaSelection(
                        kafkaDeadLetter(1, "{\"a\":1}", header("tenant", "eu")),
                        kafkaDeadLetter(2, "{\"a\":2}", header(Provenance.REPLAY_COUNT, "2"))),
                List.of(new Transform.SetHeader("tenant", utf8("us")), new Transform.SetJsonField("$.a", "10")),
                ReplayMode.COPY);

        DryRun dryRun = DryRun.of(plan, Masking.NONE);

        DryRun.EventPreview first = dryRun.events().getFirst();
        assertThat(first.to()).isEqualTo("orders, partition 3");
        assertThat(first.payloadChanged()).isTrue();
        assertThat(first.keyChanged()).isFalse();
        assertThat(first.headerChanges()).containsExactly(
                new DryRun.HeaderChange("kafka_dlt-original-topic", "orders", null),
                new DryRun.HeaderChange("kafka_dlt-original-partition", "3", null),
                new DryRun.HeaderChange("kafka_dlt-exception-message", "timeout", null),
                new DryRun.HeaderChange("tenant", "eu", "us"),
                new DryRun.HeaderChange(Provenance.REPLAY_ID, null, "r-9"),
                new DryRun.HeaderChange(Provenance.REPLAYED_FROM, null, "orders.DLT/0@1"),
                new DryRun.HeaderChange(Provenance.REPLAY_COUNT, null, "1"));
        assertThat(dryRun.totals()).isEqualTo(new DryRun.Totals(1, 1, 1, java.util.Map.of("orders, partition 3", 1)));
        assertThat(dryRun.text()).isEqualTo("""
                orders.DLT/0@1 → orders, partition 3
                  - header kafka_dlt-original-topic: orders
                  - header kafka_dlt-original-partition: 3
                  - header kafka_dlt-exception-message: timeout
                  ~ header tenant: eu → us
                  + header flowdeck-replay-id: r-9
                  + header flowdeck-replayed-from: orders.DLT/0@1
                  + header flowdeck-replay-count: 1
                  ~ payload (7 → 8 bytes)
                orders.DLT/0@2 not sent: Replayed 2 times already (the limit is 2): quarantined instead of sent again.
                1 to send, 1 held back, 1 with a changed payload
                  1 to orders, partition 3
                1 event carries a trace context: with Flowdeck's telemetry on, its traceparent is renewed at send \
                time (a new span that links to the original trace)
                """);
    }

    @Test
    void headerValuesAreShownAsTheProfilesMaskingLetsThemBeReadAndChangesJudgedOnRawBytes() {
        ReplayPlan plan = new ReplayPlanner(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), () -> "r-9",
                DeadLetterHeaders.KNOWN_CONVENTIONS, 3).plan(kafkaSelection(
                        kafkaDeadLetter(1, "{}", header("x-customer", "ada@example.com"),
                                header("session", "s3cr3t-token"), header("kafka_dlt-exception-stacktrace", "call ada@example.com"))),
                List.of(new Transform.SetHeader("x-customer", utf8("bob@example.com")),
                        new Transform.RemoveHeader("session")),
                ReplayMode.COPY);
        HashKey key = HashKey.random();
        var masking = Masking.of(new MaskingSettings(List.of(MaskRule.parse("header x-customer hash"),
                MaskRule.parse("header session remove")), true, false), key);

        DryRun dryRun = DryRun.of(plan, masking);

        String text = dryRun.text();
        assertThat(text).doesNotContain("ada@example.com").doesNotContain("bob@example.com")
                .doesNotContain("s3cr3t-token");
        assertThat(text).contains("  ~ header x-customer: " + key.hash(utf8("ada@example.com")) + " → "
                        + key.hash(utf8("bob@example.com")) + "\n")
                .contains("  - header session: " + Masking.MASKED + "\n") // removed by a rule: listed, not shown
                .contains("  - header kafka_dlt-exception-stacktrace: call " + Masking.MASKED + "\n"); // text PII in a header no rule names
        assertThat(DryRun.of(plan, Masking.NONE).text()).contains("ada@example.com", "s3cr3t-token");
    }

    @Test
    void anUntouchedEventShowsOnlyItsProvenanceAndAnUnchangedPayload() {
        ReplayPlan plan = new ReplayPlanner(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), () -> "r",
                name -> false, 3).plan(kafkaSelection(kafkaDeadLetter(5, "x")), List.of(), ReplayMode.COPY);
        DryRun.EventPreview preview = DryRun.of(plan, Masking.NONE).events().getFirst();
        assertThat(preview.payloadChanged()).isFalse();
        assertThat(preview.headerChanges()).extracting(DryRun.HeaderChange::name)
                .containsExactly(Provenance.REPLAY_ID, Provenance.REPLAYED_FROM, Provenance.REPLAY_COUNT);
        assertThat(DryRun.of(plan, Masking.NONE).text()).contains("  = payload unchanged\n");
    }

    @Test
    void saysThatTracedEventsGetTheirTraceparentRenewedAtSendTime() {
        ReplayPlan plan = new ReplayPlanner(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), () -> "r",
                name -> false, 3).plan(kafkaSelection(
                        kafkaDeadLetter(5, "x"), kafkaDeadLetter(6, "y")), List.of(), ReplayMode.COPY);

        // Every test dead letter carries a traceparent (Messages.kafkaDeadLetter).
        assertThat(DryRun.of(plan, Masking.NONE).text()).endsWith("\n2 events carry a trace context: with Flowdeck's telemetry "
                + "on, its traceparent is renewed at send time (a new span that links to the original trace)\n");
    }
}
