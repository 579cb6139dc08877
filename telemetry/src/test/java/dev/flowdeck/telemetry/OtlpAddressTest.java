package dev.flowdeck.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class OtlpAddressTest {

    @Test
    void anOptionsUrlGetsTheSignalsPathOnlyWhenItHasNone() {
        assertThat(OtlpAddress.forSignal("http://otel:4318", "--otlp-endpoint", OtlpAddress.TRACES, false))
                .isEqualTo(URI.create("http://otel:4318/v1/traces"));
        assertThat(OtlpAddress.forSignal(" https://otel:4318/ ", "--otlp-endpoint", OtlpAddress.METRICS, false))
                .isEqualTo(URI.create("https://otel:4318/v1/metrics"));
        assertThat(OtlpAddress.forSignal("http://otel:4318/custom/traces", "--otlp-endpoint", OtlpAddress.TRACES,
                false)).isEqualTo(URI.create("http://otel:4318/custom/traces"));
    }

    @Test
    void theEnvironmentsBaseUrlAlwaysGetsThePath() {
        assertThat(OtlpAddress.forSignal("http://otel:4318/base/", OtlpAddress.ENVIRONMENT, OtlpAddress.TRACES, true))
                .isEqualTo(URI.create("http://otel:4318/base/v1/traces"));
    }

    @Test
    void anythingButAnHttpUrlIsRefusedNamingWhereItCameFrom() {
        assertThatThrownBy(() -> OtlpAddress.forSignal("otel:4318", "--otlp-endpoint", OtlpAddress.TRACES, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--otlp-endpoint takes a collector's OTLP/HTTP address such as http://localhost:4318: "
                        + "'otel:4318' is not one.");
    }
}
