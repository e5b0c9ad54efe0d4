package org.speechforum.query.search;

/** A query parameter out of range or malformed; {@code parameter} names it. */
public class BadRequest extends RuntimeException {

    private final String parameter;

    public BadRequest(String message, String parameter) {
        super(message);
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }
}
