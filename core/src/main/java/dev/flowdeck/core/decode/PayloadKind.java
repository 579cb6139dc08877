package dev.flowdeck.core.decode;

/** What a key or value holds, as far as its bytes tell: see {@link PayloadFormat#detect(byte[])}. */
public enum PayloadKind {
    /** No bytes at all: a null key, or a tombstone's value. */
    NULL,
    /** Zero bytes. */
    EMPTY,
    /** Strict UTF-8 that parses completely as one JSON object or array. */
    JSON,
    /** Strict UTF-8 without control characters other than tab, CR and LF. */
    TEXT,
    /** Anything else: shown as hex. */
    BINARY
}
