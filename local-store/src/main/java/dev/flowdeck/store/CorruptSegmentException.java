package dev.flowdeck.store;

/** A frame whose checksum held but whose content does not decode: the segment is read up to the frame before it. */
final class CorruptSegmentException extends RuntimeException {

    CorruptSegmentException(String detail) {
        super(detail, null, false, false);
    }
}
