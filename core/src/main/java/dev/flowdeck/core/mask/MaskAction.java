package dev.flowdeck.core.mask;

import java.util.Locale;

/** What a masking rule does to what it names. */
public enum MaskAction {

    /** Replaced by {@value Masking#MASKED}: nothing of the value is left, not even its length or type. */
    MASK,
    /**
     * Replaced by {@code hash:} and 16 hex digits of a keyed HMAC-SHA-256 of the value: the same value gives the same
     * hash under one profile's key, so events stay correlatable, and without the key no dictionary finds it.
     */
    HASH,
    /** Left out: the field (or array element, or header) is not there at all. */
    REMOVE;

    /** How a rule line writes it: {@code mask}, {@code hash}, {@code remove}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action of that word, in any case. */
    public static MaskAction of(String word) {
        return switch (word.trim().toLowerCase(Locale.ROOT)) {
            case "mask" -> MASK;
            case "hash" -> HASH;
            case "remove" -> REMOVE;
            default -> throw new IllegalArgumentException("'" + word + "' is not a masking action: write mask, hash "
                    + "or remove.");
        };
    }

    /** When two rules name one value, the one that leaves least wins: remove, then mask, then hash. */
    int strength() {
        return switch (this) {
            case REMOVE -> 3;
            case MASK -> 2;
            case HASH -> 1;
        };
    }
}
