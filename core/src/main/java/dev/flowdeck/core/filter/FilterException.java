package dev.flowdeck.core.filter;

/** A filter the operator typed cannot be used; the message says what is wrong and how it should read. */
public class FilterException extends IllegalArgumentException {

    public FilterException(String message, Throwable cause) {
        super(message, cause);
    }
}
