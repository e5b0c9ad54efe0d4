package org.speechforum.ingest.documents;

/** Input that is not a valid document; {@code field} names the offending JSON field (a JSON pointer) if any. */
public class DocumentRefused extends RuntimeException {

    private final String field;

    public DocumentRefused(String message, String field) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
