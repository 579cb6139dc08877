package dev.flowdeck.core.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DeadLetterGroupsTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void groupsByOriginAndFingerprintBatchByBatchWithCountsAndFirstAndLastSeen() {
        var groups = new DeadLetterGroups();

        groups.addAll(List.of(
                deadLetter("payments", "com.acme.Timeout", "no answer within 3000 ms", 30),
                deadLetter("payments", "com.acme.Timeout", "no answer within 5000 ms", 10),
                deadLetter("inventory", "com.acme.Timeout", "no answer within 3000 ms", 20)));
        groups.addAll(List.of(deadLetter("payments", "com.acme.Timeout", "no answer within 100 ms", 50)));

        assertThat(groups.total()).isEqualTo(4);
        assertThat(groups.notes()).isEmpty();
        List<DeadLetterGroup> list = groups.groups();
        assertThat(list).extracting(DeadLetterGroup::origin, DeadLetterGroup::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("payments", 3L),
                        org.assertj.core.groups.Tuple.tuple("inventory", 1L));
        DeadLetterGroup payments = list.getFirst();
        assertThat(payments.fingerprint().spoken()).isEqualTo("com.acme.Timeout: no answer within <n> ms");
        assertThat(payments.firstSeen()).contains(T0.plusSeconds(10));
        assertThat(payments.lastSeen()).contains(T0.plusSeconds(50));
        assertThat(payments.sample().at().offset()).isEqualTo(30);
        assertThat(payments.isOther()).isFalse();
    }

    @Test
    void beyondTheCapNewCausesShareOneOtherBucketAndANoteSaysSo() {
        var groups = new DeadLetterGroups(2);

        for (int i = 0; i < 10; i++) {
            groups.add(deadLetter("orders", "com.acme.Failure" + i, "boom", i));
        }
        groups.add(deadLetter("orders", "com.acme.Failure0", "boom", 99)); // a kept cause still counts there

        List<DeadLetterGroup> list = groups.groups();
        assertThat(list).hasSize(3);
        assertThat(list.getFirst().count()).isEqualTo(2);
        assertThat(list.getLast().isOther()).isTrue();
        assertThat(list.getLast().count()).isEqualTo(8);
        assertThat(list.getLast().firstSeen()).contains(T0.plusSeconds(2));
        assertThat(groups.total()).isEqualTo(11);
        assertThat(groups.notes()).containsExactly(
                "more than 2 distinct causes: 8 dead letters of further causes are counted together as other");
    }

    @Test
    void deadLettersWithoutAnOriginOrATimeStillGroup() {
        var groups = new DeadLetterGroups();
        var unread = new DeadLetter(new DeadLetter.Coordinates("x.dlq", 0, 1), Optional.empty(), Failure.UNKNOWN,
                DeadLetterTimes.UNKNOWN, Convention.NONE, List.of());

        groups.addAll(List.of(unread, unread));

        assertThat(groups.groups()).singleElement().satisfies(group -> {
            assertThat(group.origin()).isEmpty();
            assertThat(group.count()).isEqualTo(2);
            assertThat(group.firstSeen()).isEmpty();
        });
    }

    @Test
    void aGroupsIdIsTheSameForTheSameCauseWhereverItIsComputedAndClaimsOnlyItsOwnLetters() {
        var groups = new DeadLetterGroups(1);
        groups.add(deadLetter("payments", "com.acme.Timeout", "no answer within 3000 ms", 1));
        groups.add(deadLetter("inventory", "com.acme.Timeout", "no answer within 3000 ms", 2));

        DeadLetterGroup payments = groups.groups().getFirst();
        DeadLetterGroup other = groups.groups().getLast();

        // SHA-256 of "payments\0com.acme.Timeout\0no answer within <n> ms", as sha256sum computes it
        assertThat(payments.id()).isEqualTo("769cfd70");
        assertThat(payments.contains(deadLetter("payments", "com.acme.Timeout", "no answer within 9 ms", 3))).isTrue();
        assertThat(payments.contains(deadLetter("inventory", "com.acme.Timeout", "no answer within 9 ms", 3)))
                .isFalse();
        assertThat(other.id()).isEqualTo(DeadLetterGroup.OTHER_ID);
        assertThat(other.contains(deadLetter("inventory", "com.acme.Timeout", "no answer within 3000 ms", 2)))
                .isFalse();
    }

    static DeadLetter deadLetter(String topic, String thrown, String message, int second) {
        var origin = new KafkaOrigin(topic, OptionalInt.of(0), OptionalLong.of(second), Optional.empty(),
                Optional.empty(), null);
        return new DeadLetter(new DeadLetter.Coordinates(topic + "-dlt", 0, second), Optional.of(origin),
                FailureFingerprintTest.failure(thrown, message),
                new DeadLetterTimes(Optional.of(T0.plusSeconds(second)), Optional.empty(), Optional.empty()),
                Convention.SPRING_KAFKA, List.of());
    }
}
