package dev.flowdeck.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.fuzz.Fuzz;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanFileTest {

    @TempDir
    Path dir;

    @Test
    void anyPlanReadsBackAsItWasWritten() {
        Fuzz.check(200, fuzz -> {
            ReplayPlan plan = fuzz.input("plan", randomPlan(fuzz));
            byte[] json = PlanFile.toJson(plan);

            ReplayPlan read = PlanFile.fromJson(json);

            assertThat(PlanFile.toJson(read)).isEqualTo(json);
            assertThat(read.events()).hasSameSizeAs(plan.events());
            for (int i = 0; i < plan.events().size(); i++) {
                PlannedEvent before = plan.events().get(i);
                PlannedEvent after = read.events().get(i);
                assertThat(after.key()).isEqualTo(before.key());
                assertThat(after.target()).isEqualTo(before.target());
                assertThat(after.message().value()).isEqualTo(before.message().value());
                assertThat(after.message().key()).isEqualTo(before.message().key());
                assertThat(after.message().partition()).isEqualTo(before.message().partition());
                assertThat(after.message().properties()).isEqualTo(before.message().properties());
                assertThat(after.deadLetter().timestamp()).isEqualTo(before.deadLetter().timestamp());
                assertThat(after.deadLetter().value()).isEqualTo(before.deadLetter().value());
                for (int h = 0; h < before.message().headers().size(); h++) {
                    assertThat(after.message().headers().get(h).name())
                            .isEqualTo(before.message().headers().get(h).name());
                    assertThat(after.message().headers().get(h).value())
                            .isEqualTo(before.message().headers().get(h).value());
                }
            }
            assertThat(read.held()).extracting(HeldEvent::reason)
                    .isEqualTo(plan.held().stream().map(HeldEvent::reason).toList());
        });
    }

    @Test
    void aSavedPlanLoadsAgainFromItsFile() {
        ReplayPlan plan = new ReplayPlanner(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), () -> "p-1",
                DeadLetterHeaders.KNOWN_CONVENTIONS, 2).plan(Messages.kafkaSelection(Messages.kafkaDeadLetter(1, "{}")),
                List.of(new Transform.SetJsonField("$.a", "1")), ReplayMode.MOVE);
        Path file = dir.resolve("replay.plan.json");

        PlanFile.write(plan, file);
        PlanFile.write(plan, file); // a second save replaces the first whole

        assertThat(PlanFile.toJson(PlanFile.read(file))).isEqualTo(PlanFile.toJson(plan));
        assertThat(dir.resolve("replay.plan.json.tmp")).doesNotExist();
        assertThat(PlanFile.read(file).events().getFirst().message().value())
                .isEqualTo("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSavedPlanHoldingValuesIsReadableByItsOwnerOnly() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews()
                .contains("posix"), "POSIX permissions (Windows keeps the per-user directory private)");
        ReplayPlan plan = new ReplayPlanner(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), () -> "p-2",
                DeadLetterHeaders.KNOWN_CONVENTIONS, 2).plan(Messages.kafkaSelection(Messages.kafkaDeadLetter(1,
                "{\"email\":\"ada@example.com\"}")), List.of(), ReplayMode.COPY);
        Path file = dir.resolve("pii.plan.json");

        PlanFile.write(plan, file);

        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aPlanFromANewerFlowdeckOrNotAPlanAtAllIsRefusedWithTheReason() throws Exception {
        ReplayPlan plan = new ReplayPlan("p", Instant.EPOCH, "s", ReplayMode.COPY, 3, List.of(), List.of());
        String newer = new String(PlanFile.toJson(plan), StandardCharsets.UTF_8)
                .replace("\"version\" : 1", "\"version\" : 2");
        assertThatThrownBy(() -> PlanFile.fromJson(newer.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("newer Flowdeck");
        assertThatThrownBy(() -> PlanFile.fromJson("{\"hello\":1}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("This is not a Flowdeck replay plan.");
        assertThatThrownBy(() -> PlanFile.fromJson("{".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("This is not a replay plan (not JSON");
        String damaged = new String(PlanFile.toJson(plan), StandardCharsets.UTF_8).replace("\"mode\"", "\"mood\"");
        assertThatThrownBy(() -> PlanFile.fromJson(damaged.getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("This replay plan is damaged");
        Files.writeString(dir.resolve("x"), "");
        assertThatThrownBy(() -> PlanFile.read(dir.resolve("missing"))).hasMessageContaining("could not be read");
    }

    private static ReplayPlan randomPlan(Fuzz fuzz) {
        List<Transform> transforms = fuzz.list(0, 3, () -> switch (fuzz.below(4)) {
            case 0 -> new Transform.SetHeader("h" + fuzz.string(5), fuzz.oneIn(5) ? null : fuzz.bytes(20));
            case 1 -> new Transform.RemoveHeader("r" + fuzz.string(5));
            case 2 -> new Transform.ReplacePayload(fuzz.oneIn(5) ? null : fuzz.bytes(50));
            default -> new Transform.SetJsonField("$." + fuzz.chars("abc", 3) + "x", "\"" + fuzz.chars("xyz", 4) + "\"");
        });
        List<PlannedEvent> events = new ArrayList<>();
        int count = fuzz.between(0, 5);
        for (int i = 0; i < count; i++) {
            BrowsedMessage deadLetter = message(fuzz);
            ReplayTarget target = fuzz.oneIn(2)
                    ? new ReplayTarget.KafkaTopic(fuzz.string(10), fuzz.oneIn(2)
                            ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(fuzz.between(0, 1000)))
                    : new ReplayTarget.RabbitExchange(fuzz.string(10), fuzz.string(10));
            var out = new dev.flowdeck.core.publish.OutgoingMessage(fuzz.string(10),
                    fuzz.oneIn(2) ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(fuzz.between(0, 99)),
                    nullable(fuzz), nullable(fuzz), headers(fuzz), properties(fuzz));
            events.add(new PlannedEvent("k" + i + fuzz.string(8), deadLetter, target, transforms,
                    fuzz.between(1, 10), out));
        }
        List<HeldEvent> held = fuzz.list(0, 2, () -> new HeldEvent(fuzz.string(10), message(fuzz),
                fuzz.of(HeldEvent.Why.values()), fuzz.string(30)));
        return new ReplayPlan(fuzz.string(20), Instant.ofEpochSecond(fuzz.between(0, 4_000_000_000L),
                fuzz.between(0, 999_999_999)), fuzz.string(40), fuzz.of(ReplayMode.values()), fuzz.between(1, 9),
                events, held);
    }

    private static BrowsedMessage message(Fuzz fuzz) {
        return new BrowsedMessage(fuzz.string(10), fuzz.between(0, 100), fuzz.anyLong(),
                fuzz.oneIn(4) ? null : Instant.ofEpochMilli(fuzz.between(0, 4_000_000_000_000L)), nullable(fuzz),
                nullable(fuzz), headers(fuzz), fuzz.oneIn(2), properties(fuzz));
    }

    private static byte[] nullable(Fuzz fuzz) {
        return fuzz.oneIn(5) ? null : fuzz.bytes(64);
    }

    private static List<MessageHeader> headers(Fuzz fuzz) {
        return fuzz.list(0, 4, () -> new MessageHeader(fuzz.string(8), nullable(fuzz)));
    }

    private static Map<String, String> properties(Fuzz fuzz) {
        Map<String, String> properties = new LinkedHashMap<>();
        fuzz.list(0, 3, () -> properties.put(fuzz.string(6), fuzz.string(12)));
        return properties;
    }
}
