package dev.flowdeck.core.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorrelationKeysTest {

    @Test
    void aProfileLineParsesIntoHeadersPropertiesAndFieldsAndFormatsBack() {
        var keys = CorrelationKeys.parse(" correlation-id, header:X-Request-Id ,property:correlation_id,"
                + " property:message_id, $.orderId, $['payment']['id'],");

        assertThat(keys).isEqualTo(new CorrelationKeys(List.of("correlation-id", "X-Request-Id"),
                List.of("correlation_id", "message_id"), List.of("$.orderId", "$['payment']['id']")));
        assertThat(keys.format()).isEqualTo("header:correlation-id, header:X-Request-Id, property:correlation_id, "
                + "property:message_id, $.orderId, $['payment']['id']");
        assertThat(CorrelationKeys.parse(keys.format())).isEqualTo(keys);
        assertThat(CorrelationKeys.parse("  ")).isEqualTo(CorrelationKeys.NONE);
        assertThat(CorrelationKeys.parse(CorrelationKeys.DEFAULTS.format())).isEqualTo(CorrelationKeys.DEFAULTS);
    }

    @Test
    void aPathThatIsMoreThanFieldNamesOrANamelessEntryIsRefusedInWords() {
        assertThatThrownBy(() -> CorrelationKeys.parse("$.items[0].sku"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'$.items[0].sku'");
        assertThatThrownBy(() -> CorrelationKeys.parse("$..orderId")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CorrelationKeys.parse("property: ")).hasMessage("'property:' names no property");
    }

    @Test
    void readsHeaderPropertyAndPayloadValuesInOrderWithoutRepeats() {
        var reader = CorrelationKeys.parse("correlation-id, property:correlation_id, $.orderId, $.customer.id")
                .reader();
        var message = Events.in("orders")
                .header("correlation-id", "c-1")
                .properties(Map.of("correlation_id", "ord-7"))
                .payload("{\"orderId\":\"ord-7\",\"customer\":{\"id\":42},\"items\":[1]}").message();

        assertThat(reader.valuesOf(message)).containsExactly("c-1", "ord-7", "42");
    }

    @Test
    void objectsNullsBlanksAndPayloadsThatAreNotJsonGiveNoKey() {
        var reader = CorrelationKeys.parse("correlation-id, $.orderId").reader();

        assertThat(reader.valuesOf(Events.in("t").payload("{\"orderId\":{\"id\":1}}").message())).isEmpty();
        assertThat(reader.valuesOf(Events.in("t").payload("{\"orderId\":null}").message())).isEmpty();
        assertThat(reader.valuesOf(Events.in("t").header("correlation-id", " ").payload("not json").message()))
                .isEmpty();
        assertThat(reader.valuesOf(Events.in("t").header("correlation-id", new byte[] {(byte) 0xc3}).message()))
                .isEmpty();
    }
}
