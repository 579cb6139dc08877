package dev.flowdeck.core.mask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.trace.Chain;
import dev.flowdeck.core.trace.ChainEvent;
import dev.flowdeck.core.trace.DeadLetterReason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MaskedChainsTest {

    private static final HashKey KEY = HashKey.random();
    private static final String ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final Chain CHAIN = new Chain(List.of(
            new ChainEvent("orders", 0, 1, Instant.EPOCH, Optional.of(ID), false, Optional.empty()),
            new ChainEvent("orders-dlt", 0, 7, Instant.EPOCH.plusMillis(5), Optional.of(ID), true,
                    Optional.of(new DeadLetterReason("org.springframework.ListenerExecutionFailedException",
                            "com.acme.NoCustomer")))));

    private static Masking masking(boolean textPii, String... rules) {
        return Masking.of(new MaskingSettings(List.of(rules).stream().map(MaskRule::parse).toList(), textPii, false),
                KEY);
    }

    @Test
    void aRuleOnATraceHeaderMasksOrHashesTheTraceIdAndKeepsWhereEachEventSits() {
        Chain hashed = MaskedChains.apply(masking(false, "header traceparent hash"), CHAIN);
        String expected = KEY.hash(ID.getBytes(StandardCharsets.UTF_8));
        assertThat(hashed.traceId()).contains(expected);
        assertThat(hashed.events()).allSatisfy(event -> assertThat(event.traceId()).contains(expected));
        assertThat(hashed.events()).extracting(ChainEvent::offset).containsExactly(1L, 7L);
        assertThat(hashed.last().reason()).isEqualTo(CHAIN.last().reason());

        assertThat(MaskedChains.apply(masking(false, "header X-B3-TraceId remove"), CHAIN).traceId())
                .as("removed, still traced").contains(Masking.MASKED);
    }

    @Test
    void rulesOnTheExceptionHeadersMaskTheReason() {
        DeadLetterReason reason = MaskedChains.apply(masking(false, "header kafka_dlt-exception-cause-fqcn mask"),
                CHAIN).last().reason().orElseThrow();
        assertThat(reason.cause()).isEqualTo(Masking.MASKED);
        assertThat(reason.exception()).isEqualTo("org.springframework.ListenerExecutionFailedException");
        assertThat(MaskedChains.apply(masking(false, "header kafka_dlt-exception-fqcn mask"), CHAIN).traceId())
                .as("no trace header named").contains(ID);

        var rabbit = new Chain(List.of(new ChainEvent("q.dlq", 0, -1, Instant.EPOCH, Optional.empty(), true,
                Optional.of(new DeadLetterReason("rejected", "")))));
        assertThat(MaskedChains.apply(masking(false, "header x-death mask"), rabbit).last().reason())
                .contains(new DeadLetterReason(Masking.MASKED, ""));
    }

    @Test
    void withoutRulesTheChainIsShownAsItIs() {
        assertThat(MaskedChains.apply(Masking.NONE, CHAIN)).isSameAs(CHAIN);
        assertThat(MaskedChains.apply(masking(true), CHAIN)).isEqualTo(CHAIN);
    }
}
