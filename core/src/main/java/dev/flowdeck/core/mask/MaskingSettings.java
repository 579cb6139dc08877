package dev.flowdeck.core.mask;

import java.util.List;
import java.util.Objects;

/**
 * A profile's masking: its rules, whether PII patterns are masked in values that are text rather than JSON, and
 * whether an operator using the profile may reveal one masked field (each reveal goes to the audit log).
 *
 * @param rules        the rules, in the order the operator wrote them
 * @param maskTextPii  in text values (not JSON), replace card numbers (Luhn-checked), e-mail addresses and IBANs
 *                     (mod-97-checked) by {@value Masking#MASKED}; off, text values are shown as they are, with a
 *                     note wherever value rules exist
 * @param mayReveal    the detail pane offers "Reveal" on a masked field
 */
public record MaskingSettings(List<MaskRule> rules, boolean maskTextPii, boolean mayReveal) {

    /** No masking at all: what a profile saved before masking existed reads as. */
    public static final MaskingSettings NONE = new MaskingSettings(List.of(), false, false);

    public MaskingSettings {
        rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
    }

    /** Whether anything is masked at all. */
    public boolean active() {
        return !rules.isEmpty() || maskTextPii;
    }

    /** Whether any rule names a hashed field or header: only then does a profile need its hash key. */
    public boolean hashes() {
        return rules.stream().anyMatch(rule -> rule.action() == MaskAction.HASH);
    }

    public MaskingSettings withRules(List<MaskRule> newRules) {
        return new MaskingSettings(newRules, maskTextPii, mayReveal);
    }
}
