package dev.flowdeck.core.browse;

import java.util.Objects;

/** One header of a message, its value as the broker holds it (bytes; decoding is the views' business). */
public record MessageHeader(String name, byte[] value) {

    public MessageHeader {
        Objects.requireNonNull(name, "name");
    }
}
