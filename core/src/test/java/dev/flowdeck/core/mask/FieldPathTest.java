package dev.flowdeck.core.mask;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldPathTest {

    private static boolean matches(String path, Object... at) {
        return FieldPath.parse(path).matches(List.of(at));
    }

    @Test
    void plainPathsMatchExactlyTheirPlace() {
        assertThat(matches("$.card.number", "card", "number")).isTrue();
        assertThat(matches("$['card'][\"number\"]", "card", "number")).isTrue();
        assertThat(matches("$.card.number", "card")).isFalse();
        assertThat(matches("$.card.number", "card", "number", "x")).isFalse();
        assertThat(matches("$.card.number", "payer", "number")).isFalse();
    }

    @Test
    void wildcardsAndIndexes() {
        assertThat(matches("$.items[*].iban", "items", 3, "iban")).isTrue();
        assertThat(matches("$.items[1].iban", "items", 1, "iban")).isTrue();
        assertThat(matches("$.items[1].iban", "items", 0, "iban")).isFalse();
        assertThat(matches("$.*.email", "payer", "email")).isTrue();
        assertThat(matches("$.*.email", "email")).isFalse();
        assertThat(matches("$.items[*]", "items", "iban")).as("a wildcard in brackets takes a field too, as in Jayway")
                .isTrue();
    }

    @Test
    void deepScansMatchAtAnyDepthIncludingTheTop() {
        assertThat(matches("$..email", "email")).isTrue();
        assertThat(matches("$..email", "a", 0, "b", "email")).isTrue();
        assertThat(matches("$..email", "email", "x")).isFalse();
        assertThat(matches("$..['email']", "a", "email")).isTrue();
        assertThat(matches("$..contact.email", "payer", "contact", "email")).isTrue();
        assertThat(matches("$..contact.email", "payer", "email")).isFalse();
        assertThat(matches("$.payer..email", "payer", "x", "y", "email")).isTrue();
        assertThat(matches("$.payer..email", "other", "email")).isFalse();
        assertThat(matches("$..[*]", "anything", 2)).isTrue();
    }
}
