package dev.flowdeck.core.mask;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PiiPatternsTest {

    @Test
    void luhnAcceptsRealTestCardNumbersAndRefusesOneDigitOff() {
        assertThat(PiiPatterns.luhn("4111111111111111")).isTrue();
        assertThat(PiiPatterns.luhn("5500 0000 0000 0004")).isTrue();
        assertThat(PiiPatterns.luhn("3782-822463-10005")).isTrue(); // American Express, 15 digits
        assertThat(PiiPatterns.luhn("4111111111111112")).isFalse();
        assertThat(PiiPatterns.luhn("0")).isFalse(); // passes the sum, too short to be a card
        assertThat(PiiPatterns.luhn("41111111111111x1")).isFalse();
    }

    @Test
    void ibanIsCheckedModulo97() {
        assertThat(PiiPatterns.iban("DE89370400440532013000")).isTrue();
        assertThat(PiiPatterns.iban("GB82 WEST 1234 5698 7654 32")).isTrue();
        assertThat(PiiPatterns.iban("DE89370400440532013001")).isFalse();
        assertThat(PiiPatterns.iban("DE8937")).isFalse();
    }

    @Test
    void wholeValuesAreRecognisedByKind() {
        assertThat(PiiPatterns.whole("ada@example.com")).contains(PiiPatterns.Kind.EMAIL);
        assertThat(PiiPatterns.whole(" 4111 1111 1111 1111 ")).contains(PiiPatterns.Kind.CARD_NUMBER);
        assertThat(PiiPatterns.whole("de89370400440532013000")).contains(PiiPatterns.Kind.IBAN);
        assertThat(PiiPatterns.whole("1714556400123")).isEmpty(); // a millisecond timestamp: no Luhn
        assertThat(PiiPatterns.whole("ord-4711")).isEmpty();
        assertThat(PiiPatterns.whole("not an @ address")).isEmpty();
    }

    @Test
    void textIsMaskedWhereAPatternAndItsChecksumMatch() {
        assertThat(PiiPatterns.maskIn("mail ada@example.com, IBAN DE89370400440532013000, card 4111111111111111",
                "#")).isEqualTo("mail #, IBAN #, card #");
        assertThat(PiiPatterns.maskIn("invoice 4111111111111112 and DE89370400440532013001", "#"))
                .isEqualTo("invoice 4111111111111112 and DE89370400440532013001");
    }
}
