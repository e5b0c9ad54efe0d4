package org.speechforum.kafka;

/**
 * A record that can never succeed however often it is retried (malformed JSON, a document that breaks the
 * mapping): it goes to the dead-letter topic at once, with this message as the reason.
 */
public class PermanentFailure extends RuntimeException {

    public PermanentFailure(String message, Throwable cause) {
        super(message, cause);
    }

    public PermanentFailure(String message) {
        super(message);
    }
}
