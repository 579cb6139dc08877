package dev.flowdeck.cli;

import static dev.flowdeck.cli.CliRun.cli;
import static dev.flowdeck.cli.TestKafka.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code trace} and {@code flow} against a real Kafka broker, on a small shop whose every chain is known: 20 orders
 * pass orders → payments → shipping (100 ms, then 200 ms), each traced (W3C) and carrying its orderId, except that
 * order 3 is dead-lettered from payments, order 7 stops at payments, and order 12's events carry no trace context
 * (only a key joins them). Written ten minutes ago, so the default window (the last hour) holds them.
 */
class TraceCliIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ORDERS = 20;
    private static final String CAUSE = "java.lang.IllegalStateException";

    private static String bootstrap;
    private static String orders;
    private static String payments;
    private static String shipping;
    private static String deadLetters;

    @BeforeAll
    static void produceTheShop() throws Exception {
        bootstrap = TestKafka.bootstrapServers();
        String prefix = TestKafka.newTopic(1) + "-";
        orders = TestKafka.newTopicNamed(prefix + "orders", 2);
        payments = TestKafka.newTopicNamed(prefix + "payments", 2);
        shipping = TestKafka.newTopicNamed(prefix + "shipping", 2);
        deadLetters = TestKafka.newTopicNamed(prefix + "payments-dlt", 1);
        Instant base = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        try (var producer = TestKafka.producer()) {
            for (int i = 0; i < ORDERS; i++) {
                Instant placed = base.plusSeconds(i);
                send(producer, orders, i, placed);
                send(producer, payments, i, placed.plusMillis(100));
                if (i == 3) {
                    var letter = record(deadLetters, i, placed.plusMillis(1_600));
                    letter.headers().add("kafka_dlt-exception-fqcn",
                            bytes("org.springframework.kafka.listener.ListenerExecutionFailedException"));
                    letter.headers().add("kafka_dlt-exception-cause-fqcn", bytes(CAUSE));
                    producer.send(letter);
                } else if (i != 7) {
                    send(producer, shipping, i, placed.plusMillis(300));
                }
            }
            producer.flush();
        }
    }

    @Test
    void traceByTraceIdPrintsTheChainInOrderWithItsHopsAsJson() throws Exception {
        var result = trace(traceId(5), "--output", "json");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.err()).isEmpty();
        JsonNode chain = JSON.readTree(result.out());
        assertThat(chain.get("traceId").asText()).isEqualTo(traceId(5));
        assertThat(destinations(chain)).containsExactly(orders, payments, shipping);
        assertThat(chain.get("events").get(0).get("hopMs").isNull()).isTrue();
        assertThat(chain.get("events").get(1).get("hopMs").asLong()).isEqualTo(100);
        assertThat(chain.get("events").get(2).get("hopMs").asLong()).isEqualTo(200);
        assertThat(chain.get("stop").isNull()).as("it went where most chains go").isTrue();
    }

    @Test
    void traceByKeySaysWhereTheChainStopped() {
        var result = trace("ord-7", "--key-field", "orderId");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        List<String> lines = result.outLines();
        assertThat(lines.getFirst()).isEqualTo("Chain of trace " + traceId(7) + ": 2 events in 2 destinations, "
                + "100 ms from first to last");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("TIME").contains("DEAD-LETTER REASON"));
        assertThat(lines.getLast()).startsWith("Stopped at " + payments + ": ")
                .contains("of chains there go on to " + shipping)
                .endsWith("(overdue: longer than that hop's p95).");
    }

    @Test
    void traceShowsTheDeadLetterAndItsReason() throws Exception {
        var result = trace("ord-3", "--key-field", "$.orderId", "-o", "json");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        JsonNode chain = JSON.readTree(result.out());
        assertThat(destinations(chain)).containsExactly(orders, payments, deadLetters);
        JsonNode letter = chain.get("events").get(2);
        assertThat(letter.get("deadLetter").asBoolean()).isTrue();
        assertThat(letter.get("hopMs").asLong()).isEqualTo(1_500);
        assertThat(letter.get("reason").get("cause").asText()).isEqualTo(CAUSE);
    }

    @Test
    void aKeyJoinsUntracedEvents() throws Exception {
        var result = trace("ord-12", "--key-field", "orderId", "-o", "json");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        JsonNode chain = JSON.readTree(result.out());
        assertThat(chain.get("traceId").isNull()).isTrue();
        assertThat(destinations(chain)).containsExactly(orders, payments, shipping);
    }

    @Test
    void nothingFoundIsExitCodeOneWithASentence() {
        var result = trace("ord-404", "--key-field", "orderId");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.NOTHING_FOUND);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("No event of trace or key 'ord-404' among the ");
    }

    @Test
    void aWindowBeforeTheEventsFindsNothing() {
        var result = trace(traceId(5), "--since", "3h", "--until", "2h");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.NOTHING_FOUND);
    }

    @Test
    void flowOverEveryTopicPrintsTheLearnedEdgesAsJson() throws Exception {
        var result = cli().run("flow", "--bootstrap-server", bootstrap, "--output", "json");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        JsonNode edges = JSON.readTree(result.out()).get("edges");
        List<String> mine = new ArrayList<>();
        for (JsonNode edge : edges) {
            String from = edge.get("from").asText();
            if (from.startsWith(orders.substring(0, orders.length() - "orders".length()))) {
                mine.add(String.format(Locale.ROOT, "%s>%s %d %d %d", from, edge.get("to").asText(),
                        edge.get("count").asLong(), edge.get("p50Ms").asLong(), edge.get("p95Ms").asLong()));
            }
        }
        // Order 12 has no trace and the default keys do not read the payload: 19 traced orders.
        assertThat(mine).containsExactly(orders + ">" + payments + " 19 100 100",
                payments + ">" + shipping + " 17 200 200", payments + ">" + deadLetters + " 1 1500 1500");
    }

    @Test
    void anUnreachableBrokerIsExitCodeThree() {
        var result = cli().run("flow", "--bootstrap-server", "127.0.0.1:1", "--topics", "x");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.BROKER);
        assertThat(result.err()).isNotBlank();
    }

    private static CliRun.Result trace(String asked, String... more) {
        List<String> args = new ArrayList<>(List.of("trace", asked, "--bootstrap-server", bootstrap, "--topics",
                String.join(",", orders, payments, shipping, deadLetters)));
        args.addAll(List.of(more));
        return cli().run(args.toArray(String[]::new));
    }

    private static List<String> destinations(JsonNode chain) {
        List<String> names = new ArrayList<>();
        chain.get("events").forEach(event -> names.add(event.get("destination").asText()));
        return names;
    }

    private static void send(org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]> producer, String topic,
                             int order, Instant at) {
        producer.send(record(topic, order, at));
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, int order, Instant at) {
        var record = new ProducerRecord<>(topic, null, at.toEpochMilli(), bytes("ord-" + order),
                bytes("{\"orderId\":\"ord-" + order + "\",\"topic\":\"" + topic + "\"}"));
        if (order != 12) {
            record.headers().add("traceparent", bytes("00-" + traceId(order) + "-00f067aa0ba902b7-01"));
        }
        return record;
    }

    private static String traceId(int order) {
        return String.format(Locale.ROOT, "4bf92f3577b34da6a3ce9%011x", order + 1);
    }
}
