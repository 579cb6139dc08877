package dev.flowdeck.views.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowdeck.core.filter.FilterException;
import dev.flowdeck.core.filter.MessageFilter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The header field reads as --header does on the command line: the same parse, in core. */
class ScanFormTest {

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    @Test
    void theHeaderFieldIsANameOrANameAndValue() {
        var form = new ScanForm();
        form.headerProperty().set("  event-type = OrderPlaced ");
        assertThat(form.toRequest("orders", NOW).filter())
                .isEqualTo(new MessageFilter.HeaderMatches("event-type", " OrderPlaced"));

        form.headerProperty().set("trace");
        assertThat(form.toRequest("orders", NOW).filter()).isEqualTo(new MessageFilter.HeaderMatches("trace", null));
    }

    @Test
    void aHeaderWithoutANameIsRefusedAsOnTheCommandLine() {
        var form = new ScanForm();
        form.headerProperty().set("=x");
        assertThatThrownBy(() -> form.toRequest("orders", NOW)).isInstanceOf(FilterException.class)
                .hasMessage("A header filter needs a name: write NAME or NAME=VALUE, not '=x'.");
    }
}
