package dev.flowdeck.replay;

import static dev.flowdeck.replay.Messages.kafkaDeadLetter;
import static dev.flowdeck.replay.Messages.kafkaSelection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplayChoicesTest {

    @Test
    void aRedirectKeepsWhatTheOperatorDidNotOverride() {
        var original = ReplayTarget.KafkaTopic.toPartition("orders", 3);

        assertThat(new Redirect.Origin(false).apply(original)).isEqualTo(original);
        assertThat(new Redirect.Origin(true).apply(original)).isEqualTo(ReplayTarget.KafkaTopic.byKey("orders"));
        assertThat(new Redirect.KafkaTopic(" orders-v2 ", false).apply(original))
                .isEqualTo(ReplayTarget.KafkaTopic.toPartition("orders-v2", 3));
        assertThat(new Redirect.KafkaTopic("orders-v2", true).apply(original))
                .isEqualTo(ReplayTarget.KafkaTopic.byKey("orders-v2"));
        var rabbit = new ReplayTarget.RabbitExchange("shop", "order.paid");
        assertThat(new Redirect.RabbitExchange("shop.retry", Optional.of(" ")).apply(rabbit))
                .isEqualTo(new ReplayTarget.RabbitExchange("shop.retry", "order.paid"));
        assertThat(new Redirect.RabbitExchange("", Optional.of("payments")).apply(rabbit))
                .isEqualTo(new ReplayTarget.RabbitExchange("", "payments"));
        assertThatThrownBy(() -> new Redirect.KafkaTopic("orders", false).apply(rabbit))
                .hasMessage("A RabbitMQ event goes to an exchange, not to topic orders.");
        assertThatThrownBy(() -> new Redirect.KafkaTopic(" ", false)).hasMessage("Name the topic to send to.");
    }

    @Test
    void choicesRedirectEverySelectedEventAndLeaveTheSelectionAloneWhenNothingChanges() {
        ReplaySelection selection = kafkaSelection(kafkaDeadLetter(1, "{}"), kafkaDeadLetter(2, "{}"));

        assertThat(ReplayChoices.BACK_AS_THEY_WERE.redirected(selection)).isSameAs(selection);
        var elsewhere = new ReplayChoices(ReplayMode.COPY, new Redirect.KafkaTopic("orders-retry", true), List.of());
        assertThat(elsewhere.redirected(selection).events()).extracting(SelectedEvent::target)
                .containsOnly(ReplayTarget.KafkaTopic.byKey("orders-retry"));
        assertThat(elsewhere.withMode(ReplayMode.MOVE).mode()).isEqualTo(ReplayMode.MOVE);
    }

    @Test
    void transformsAreReadOneALineAndABadLineIsNamed() {
        List<Transform> transforms = TransformLines.parse("""
                # fix the tenant and the amount
                set header tenant = eu

                remove header x-debug
                set $.amount = 100
                set $.customer.email = "ops@example.com"
                """);

        assertThat(transforms).extracting(Transform::describe).containsExactly("set header tenant",
                "remove header x-debug", "set $.amount to 100", "set $.customer.email to \"ops@example.com\"");
        assertThat(((Transform.SetHeader) transforms.getFirst()).value()).asString(StandardCharsets.UTF_8)
                .isEqualTo("eu");
        assertThatThrownBy(() -> TransformLines.parse("set header tenant = eu\nrename header a b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Line 2 (rename header a b): expected 'set header NAME = VALUE', 'remove header NAME' "
                        + "or 'set $.field = JSON VALUE'.");
        assertThatThrownBy(() -> TransformLines.parse("set $.amount = cents"))
                .hasMessageStartingWith("Line 1 (set $.amount = cents): 'cents' is not a JSON value");
        assertThatThrownBy(() -> TransformLines.parse("set header flowdeck-replay-id = x"))
                .hasMessageContaining("is written by the replay itself");
    }
}
