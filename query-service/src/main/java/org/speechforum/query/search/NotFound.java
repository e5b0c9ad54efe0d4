package org.speechforum.query.search;

public class NotFound extends RuntimeException {

    public NotFound(String message) {
        super(message);
    }
}
