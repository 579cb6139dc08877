package dev.flowdeck.core.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FailureFingerprintTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            SKU-4821 has 0 units available, 2 requested              | SKU-<n> has <n> units available, <n> requested
            Payment gateway did not answer within 3000 ms (provider=adyen, attempt=2) | Payment gateway did not answer within <n> ms (provider=adyen, attempt=<n>)
            Cannot deserialize value of type `java.math.BigDecimal` from String "12,50": not valid | Cannot deserialize value of type `java.math.BigDecimal` from String "…": not valid
            Order 6f1c2a9e-3b7d-4c1e-9f2a-0d5e8b7c6a41 not found     | Order <uuid> not found
            checksum 0x1F2E mismatch for 4bf92f3577b34da6a3ce929d0e0e4736 | checksum <hex> mismatch for <hex>
            response: -1 after 2.5 s                                  | response: <n> after <n> s
            Http2 stream reset on utf8 channel v2                     | Http2 stream reset on utf8 channel v2
            Currency CHF is not enabled for merchant account shop-eu-3 | Currency CHF is not enabled for merchant account shop-eu-<n>
            user 'alice' may not    write                             | user '…' may not write
            """)
    void masksWhatVariesFromOneEventToTheNext(String message, String masked) {
        assertThat(FailureFingerprint.mask(message)).isEqualTo(masked);
    }

    @Test
    void twoEventsOfOneCauseHaveOneFingerprintAndAnotherClassAnother() {
        var first = failure("com.acme.OutOfStockException", "SKU-4821 has 0 units available, 2 requested");
        var second = failure("com.acme.OutOfStockException", "SKU-17 has 0 units available, 1 requested");
        var other = failure("java.lang.IllegalStateException", "SKU-17 has 0 units available, 1 requested");

        assertThat(FailureFingerprint.of(first)).isEqualTo(FailureFingerprint.of(second))
                .isNotEqualTo(FailureFingerprint.of(other));
        assertThat(FailureFingerprint.of(first).spoken())
                .isEqualTo("com.acme.OutOfStockException: SKU-<n> has <n> units available, <n> requested");
    }

    @Test
    void onlyTheFirstLineCountsAndALongOneIsCut() {
        assertThat(FailureFingerprint.mask("failed for order 12\nCaused by: x 99")).isEqualTo("failed for order <n>");
        assertThat(FailureFingerprint.mask("x".repeat(2_000))).hasSize(FailureFingerprint.MAX_MESSAGE);
        assertThat(FailureFingerprint.mask("abcdefabcdefabcdef")).isEqualTo("abcdefabcdefabcdef");
    }

    @Test
    void withoutAnExceptionTheReasonNamesTheCause() {
        var expired = new Failure(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("expired"),
                OptionalLong.of(1));

        assertThat(FailureFingerprint.of(expired)).isEqualTo(new FailureFingerprint("expired", ""));
        assertThat(FailureFingerprint.of(Failure.UNKNOWN).spoken()).isEqualTo("unknown");
    }

    static Failure failure(String exceptionClass, String message) {
        return new Failure(Optional.of(exceptionClass), Optional.of(message), Optional.empty(), Optional.empty(),
                OptionalLong.empty());
    }
}
