package dev.flowdeck.cli;

import static dev.flowdeck.cli.CliRun.cli;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Flowdeck's own spans leave the machine over real OTLP/HTTP, to a receiver of the JDK's HTTP server standing in
 * for a collector, when an endpoint is given, and not otherwise. Protobuf writes strings as their bytes, so span
 * names and resource attributes are read from the bodies as text.
 */
class TelemetryCliIT {

    private static String bootstrap;
    private static String topic;

    @BeforeAll
    static void orders() throws Exception {
        bootstrap = TestKafka.bootstrapServers();
        topic = TestKafka.ordersTopic();
    }

    @Test
    void aSearchWithAnEndpointSendsItsScanSpanAsFlowdeck() throws Exception {
        try (var collector = OtlpReceiver.start()) {
            var result = kafka(cli(), "search", topic, "--regex", "FAILED", "-o", "jsonl",
                    "--otlp-endpoint", collector.address());

            assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
            assertThat(result.err()).isEmpty();
            // The command flushes its spans before it returns: they are there now.
            List<OtlpReceiver.Request> traces = collector.requests("/v1/traces");
            assertThat(traces).isNotEmpty();
            assertThat(traces).allSatisfy(request -> {
                assertThat(request.method()).isEqualTo("POST");
                assertThat(request.contentType()).isEqualTo("application/x-protobuf");
            });
            String sent = String.join("", traces.stream().map(OtlpReceiver.Request::text).toList());
            assertThat(sent).contains("browse " + topic, "messaging.system", "kafka", "flowdeck.scan.scanned",
                    "service.name", "flowdeck", "service.version");
            assertThat(collector.requests("/v1/metrics")).isEmpty();
        }
    }

    @Test
    void theStandardEnvironmentVariableTurnsItOnForATraceIndexToo() throws Exception {
        try (var collector = OtlpReceiver.start()) {
            var result = kafka(cli().env(TelemetryOptions.ENVIRONMENT, collector.address()), "flow", "--topics",
                    topic, "--since", "2025-12-31T00:00:00Z");

            assertThat(result.exitCode()).as(result.err()).isIn(ExitCodes.OK, ExitCodes.NOTHING_FOUND);
            String sent = String.join("", collector.requests("/v1/traces").stream()
                    .map(OtlpReceiver.Request::text).toList());
            assertThat(sent).contains("index trace chains", "browse " + topic);
        }
    }

    @Test
    void withoutAnEndpointNothingIsSent() throws Exception {
        try (var collector = OtlpReceiver.start()) {
            var result = kafka(cli(), "search", topic, "--regex", "FAILED", "-o", "jsonl");

            assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
            assertThat(collector.requests()).isEmpty();
        }
    }

    @Test
    void anEndpointThatIsNotAnAddressIsAUsageError() {
        var result = kafka(cli(), "search", topic, "--regex", "FAILED", "--otlp-endpoint", "localhost:4318");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--otlp-endpoint takes a collector's OTLP/HTTP address");
    }

    private static CliRun.Result kafka(CliRun run, String... args) {
        var all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-server", bootstrap));
        return run.run(all.toArray(String[]::new));
    }
}
