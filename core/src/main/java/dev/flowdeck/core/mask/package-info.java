/**
 * Masking personal and payment data on its way to a person: a profile's {@link dev.flowdeck.core.mask.MaskRule}s
 * (JSON fields by JSONPath, headers by name; masked, hashed with the profile's {@link dev.flowdeck.core.mask.HashKey}
 * or removed), applied by {@link dev.flowdeck.core.mask.Masking} to each message as it is shown, copied or exported;
 * {@link dev.flowdeck.core.mask.MaskSuggestions} from a sample (card numbers, e-mail addresses, IBANs, each
 * checksum-checked by {@link dev.flowdeck.core.mask.PiiPatterns}); reveals recorded through
 * {@link dev.flowdeck.core.mask.RevealLog}. See decision 0022 for where masking applies and why filters see raw
 * values.
 */
package dev.flowdeck.core.mask;
