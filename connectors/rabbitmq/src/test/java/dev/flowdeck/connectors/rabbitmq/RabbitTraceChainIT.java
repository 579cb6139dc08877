package dev.flowdeck.connectors.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.Credentials;
import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.core.trace.Chain;
import dev.flowdeck.core.trace.ChainEvent;
import dev.flowdeck.core.trace.ChainIndex;
import dev.flowdeck.core.trace.CorrelationKeys;
import dev.flowdeck.core.trace.IndexOutcome;
import dev.flowdeck.core.trace.IndexWindow;
import dev.flowdeck.core.trace.Indexer;
import dev.flowdeck.sandbox.RabbitSandbox;
import dev.flowdeck.sandbox.SandboxSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Traced chains on RabbitMQ, against the sandbox's RabbitMQ side as it runs: every order goes to the
 * {@code audit.log} stream with a W3C {@code traceparent}, and an e-mail left unsent for 5 s expires into
 * {@code email.outbox.dlq} with its headers kept. Indexing the stream and the dead-letter queue joins the two copies
 * of such an order into one chain whose dead letter says why: {@code expired}, from {@code x-death}.
 */
class RabbitTraceChainIT {

    private static final String AUDIT = "audit.log";
    private static final String EXPIRED_EMAILS = "email.outbox.dlq";

    @Test
    void anExpiredEmailsChainRunsFromTheAuditStreamToItsDeadLetterWithItsReason() throws Exception {
        var io = Executors.newFixedThreadPool(2);
        try (var sandbox = RabbitSandbox.start(SandboxSettings.defaults().withOrdersPerSecond(10));
             var connection = RabbitBrokerConnection.open(ConnectionProfile.rabbitMq("shop", sandbox.amqpAddress())
                     .withProperties(Map.of("management.url", sandbox.managementUri())), Credentials.NONE)) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    count(connection.listDestinations().toCompletableFuture().get(10, TimeUnit.SECONDS)) >= 5);

            var index = new ChainIndex(CorrelationKeys.DEFAULTS);
            IndexOutcome outcome = new Indexer(connection, io)
                    .start(IndexWindow.everything(List.of(AUDIT, EXPIRED_EMAILS)), index, progress -> { })
                    .outcome().toCompletableFuture().get(120, TimeUnit.SECONDS);

            assertThat(outcome.cancelled()).isFalse();
            List<Chain> deadLettered = new ArrayList<>();
            index.forEachChain(chain -> {
                if (!chain.deadLetters().isEmpty()) {
                    deadLettered.add(chain);
                }
            });
            assertThat(deadLettered).as("chains with an expired e-mail among %d events", index.size())
                    .hasSizeGreaterThanOrEqualTo(5);
            for (Chain chain : deadLettered) {
                assertThat(chain.events()).extracting(ChainEvent::destination)
                        .as("the order in the audit stream and its expired e-mail, by one trace id")
                        .containsExactlyInAnyOrder(AUDIT, EXPIRED_EMAILS);
                assertThat(chain.traceId()).isPresent();
                ChainEvent letter = chain.deadLetters().getFirst();
                assertThat(letter.destination()).isEqualTo(EXPIRED_EMAILS);
                assertThat(letter.reason()).hasValueSatisfying(reason ->
                        assertThat(reason.exception()).isEqualTo("expired"));
            }
        } finally {
            io.shutdownNow();
        }
    }

    private static long count(List<Destination> destinations) {
        return destinations.stream().filter(destination -> destination.name().equals(EXPIRED_EMAILS))
                .mapToLong(Destination::messageCount).sum();
    }
}
