package org.speechforum.query.watch;

/** A watch definition that cannot be taken; {@code field} names the part at fault (e.g. {@code filters.from}). */
public class InvalidWatch extends RuntimeException {

    private final String field;

    public InvalidWatch(String message, String field) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
