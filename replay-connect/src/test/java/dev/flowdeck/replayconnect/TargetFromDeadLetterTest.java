package dev.flowdeck.replayconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowdeck.core.deadletter.Convention;
import dev.flowdeck.core.deadletter.DeadLetter;
import dev.flowdeck.core.deadletter.DeadLetterTimes;
import dev.flowdeck.core.deadletter.Failure;
import dev.flowdeck.core.deadletter.KafkaOrigin;
import dev.flowdeck.core.deadletter.Origin;
import dev.flowdeck.core.deadletter.RabbitOrigin;
import dev.flowdeck.replay.ReplayTarget;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TargetFromDeadLetterTest {

    @Test
    void aKafkaDeadLetterGoesToItsOriginalPartitionOrByKeyWhenThatIsUnknown() {
        assertThat(TargetFromDeadLetter.of(at(kafka(OptionalInt.of(2)))))
                .isEqualTo(ReplayTarget.KafkaTopic.toPartition("orders", 2));
        assertThat(TargetFromDeadLetter.of(at(kafka(OptionalInt.empty()))))
                .isEqualTo(ReplayTarget.KafkaTopic.byKey("orders"));
    }

    @Test
    void aRabbitDeadLetterGoesToItsFirstExchangeWithItsFirstRoutingKey() {
        assertThat(TargetFromDeadLetter.of(at(new RabbitOrigin("shop", List.of("order.paid", "audit"), "work"))))
                .isEqualTo(new ReplayTarget.RabbitExchange("shop", "order.paid"));
        // Published to the default exchange without routing keys recorded: the queue's name routes it back.
        assertThat(TargetFromDeadLetter.of(at(new RabbitOrigin("", List.of(), "work"))))
                .isEqualTo(new ReplayTarget.RabbitExchange("", "work"));
    }

    @Test
    void withoutAnOriginOrARoutingKeyTheOperatorIsAskedToChoose() {
        assertThatThrownBy(() -> TargetFromDeadLetter.of(new DeadLetter(new DeadLetter.Coordinates("dlq", 0, 4),
                Optional.empty(), failure(), times(), Convention.RABBITMQ, List.of())))
                .hasMessage("No header of dlq/0@4 says where it came from; choose its target by hand.");
        assertThatThrownBy(() -> TargetFromDeadLetter.of(at(new RabbitOrigin("shop", List.of(), "work"))))
                .hasMessageContaining("names exchange 'shop' but no routing key");
    }

    private static KafkaOrigin kafka(OptionalInt partition) {
        return new KafkaOrigin("orders", partition, OptionalLong.of(9), Optional.empty(), Optional.empty(),
                new byte[] {1});
    }

    private static DeadLetter at(Origin origin) {
        return new DeadLetter(new DeadLetter.Coordinates("dead", 0, 1), Optional.of(origin), failure(), times(),
                Convention.SPRING_KAFKA, List.of());
    }

    private static Failure failure() {
        return Failure.UNKNOWN;
    }

    private static DeadLetterTimes times() {
        return DeadLetterTimes.UNKNOWN;
    }
}
