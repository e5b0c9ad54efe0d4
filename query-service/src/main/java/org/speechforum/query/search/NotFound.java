package org.speechforum.query.search;

class NotFound extends RuntimeException {

    NotFound(String message) {
        super(message);
    }
}
