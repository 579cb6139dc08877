package dev.flowdeck.replay;

/** A transform that cannot apply to one event (its payload is not JSON, say); the message is the operator's. */
public class TransformException extends RuntimeException {

    public TransformException(String operatorMessage) {
        super(operatorMessage);
    }
}
