package dev.flowdeck.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.fuzz.Fuzz;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TraceContextTest {

    private final ExtractionTally tally = new ExtractionTally();

    @Test
    void readsW3cTraceparentWithItsTracestate() {
        var message = Events.in("orders")
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .header("tracestate", "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7").message();

        assertThat(TraceContext.read(message, tally)).contains(new TraceContext("4bf92f3577b34da6a3ce929d0e0e4736",
                "00f067aa0ba902b7", TraceFormat.W3C, "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7"));
        assertThat(tally.found(TraceFormat.W3C)).isEqualTo(1);
    }

    @Test
    void readsTheB3SingleHeader() {
        var message = Events.in("orders").header("b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1").message();

        assertThat(TraceContext.read(message, tally)).contains(new TraceContext("80f198ee56343ba864fe8b2a57d3eff7",
                "e457b5a2e4d86bd1", TraceFormat.B3_SINGLE, ""));
        assertThat(tally.found(TraceFormat.B3_SINGLE)).isEqualTo(1);
    }

    @Test
    void readsB3MultiHeadersWhateverTheirCaseAndWidensA64BitTraceId() {
        var message = Events.in("orders")
                .header("x-b3-traceid", "a3ce929d0e0e4736")
                .header("x-b3-spanid", "00f067aa0ba902b7")
                .header("x-b3-sampled", "1").message();

        assertThat(TraceContext.read(message, tally)).contains(new TraceContext("0000000000000000a3ce929d0e0e4736",
                "00f067aa0ba902b7", TraceFormat.B3_MULTI, ""));
        assertThat(tally.found(TraceFormat.B3_MULTI)).isEqualTo(1);
    }

    @Test
    void w3cWinsWhenAMessageCarriesBoth() {
        var message = Events.in("orders")
                .header("X-B3-TraceId", "80f198ee56343ba864fe8b2a57d3eff7")
                .header("X-B3-SpanId", "e457b5a2e4d86bd1")
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").message();

        assertThat(TraceContext.read(message, tally)).map(TraceContext::format).contains(TraceFormat.W3C);
    }

    @Test
    void malformedContextIsIgnoredAndCountedAndMissingContextIsCountedApart() {
        assertThat(TraceContext.read(Events.in("t").header("traceparent", "00-not-a-trace").message(), tally))
                .isEmpty();
        assertThat(TraceContext.read(Events.in("t")
                .header("traceparent", "00-00000000000000000000000000000000-00f067aa0ba902b7-01").message(), tally))
                .isEmpty();
        assertThat(TraceContext.read(Events.in("t").header("b3", "zz-top").message(), tally)).isEmpty();
        assertThat(TraceContext.read(Events.in("t").header("X-B3-TraceId", "xyz").message(), tally)).isEmpty();
        assertThat(TraceContext.read(Events.in("t").header("traceparent", new byte[] {(byte) 0xff, 0}).message(),
                tally)).isEmpty();
        assertThat(TraceContext.read(Events.in("t").header("content-type", "application/json").message(), tally))
                .isEmpty();

        assertThat(tally.malformed()).isEqualTo(5);
        assertThat(tally.withoutContext()).isEqualTo(1);
        assertThat(tally.summary()).isEqualTo("0 traced, 5 malformed, 1 without context");
    }

    @Test
    void aBrokenTraceparentIsCountedEvenWhenB3Rescues() {
        var message = Events.in("t").header("traceparent", "00-broken")
                .header("b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1").message();

        assertThat(TraceContext.read(message, tally)).map(TraceContext::format).contains(TraceFormat.B3_SINGLE);
        assertThat(tally.malformed()).isEqualTo(1);
        assertThat(tally.summary()).isEqualTo("1 traced (B3 SINGLE 1), 1 malformed, 0 without context");
    }

    @Test
    void noHeaderValueEverThrows() {
        Fuzz.check(2_000, fuzz -> {
            String name = fuzz.input("name", fuzz.of("traceparent", "tracestate", "b3", "X-B3-TraceId",
                    "X-B3-SpanId", "X-B3-Sampled"));
            byte[] value = fuzz.input("value", fuzz.bytes(80));
            var message = Events.in("t").header(name, value)
                    .header("traceparent", fuzz.oneIn(2) ? "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
                            : "00-" + new String(value, java.nio.charset.StandardCharsets.ISO_8859_1)).message();
            Optional<TraceContext> read = TraceContext.read(message, new ExtractionTally());
            read.ifPresent(context -> assertThat(context.traceId()).matches("[0-9a-f]{32}"));
        });
    }
}
