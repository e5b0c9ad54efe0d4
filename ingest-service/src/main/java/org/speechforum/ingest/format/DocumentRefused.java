package org.speechforum.ingest.format;

/**
 * Input that is not a valid document. {@code reason} decides the problem type and HTTP status; {@code field}
 * names the offending JSON field (a JSON pointer) if any, {@code line} the offending line of the input if known.
 */
public class DocumentRefused extends RuntimeException {

    /** Why input is refused; each is one problem type {@code https://speechforum.org/problems/<slug>}. */
    public enum Reason {
        INVALID_DOCUMENT("invalid-document", "Invalid document", 400),
        MALFORMED_JSON("malformed-json", "Malformed JSON", 400),
        DUPLICATE_KEY("duplicate-key", "Duplicate key in a JSON object", 400),
        TOO_DEEPLY_NESTED("too-deeply-nested", "JSON nested too deeply", 400),
        EMPTY_BODY("empty-body", "Empty body", 400),
        INVALID_ENCODING("invalid-encoding", "Not valid UTF-8", 400),
        MISSING_FIELD("missing-field", "Missing required field", 400),
        UNKNOWN_KIND("unknown-kind", "Unknown document kind", 400),
        INVALID_DATE("invalid-date", "Unparseable date", 400),
        FUTURE_DATE("future-date", "Date in the future", 400),
        FIELD_TOO_LONG("field-too-long", "Field too long", 400),
        NO_CONTENT("no-content", "Nothing to ingest", 400),
        UNSUPPORTED_ACTIVITYPUB("unsupported-activitypub", "ActivityPub object or activity not ingested", 422),
        FOREIGN_ORIGIN("foreign-origin", "Activity not from the object's origin", 403),
        UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported content type", 415),
        UNSUPPORTED_CONTENT_ENCODING("unsupported-content-encoding", "Unsupported content encoding", 415),
        CORRUPT_COMPRESSION("corrupt-compression", "Compressed body cannot be decoded", 400),
        PAYLOAD_TOO_LARGE("payload-too-large", "Body too large", 413),
        BATCH_REFUSED("batch-refused", "No item of the batch was accepted", 400);

        private final String slug;
        private final String title;
        private final int status;

        Reason(String slug, String title, int status) {
            this.slug = slug;
            this.title = title;
            this.status = status;
        }

        public String slug() { return slug; }
        public String title() { return title; }
        public int status() { return status; }
        public String type() { return "https://speechforum.org/problems/" + slug; }
    }

    private final Reason reason;
    private final String field;
    private final Integer line;

    public DocumentRefused(String message, String field) {
        this(Reason.INVALID_DOCUMENT, message, field, null);
    }

    public DocumentRefused(Reason reason, String message, String field) {
        this(reason, message, field, null);
    }

    public DocumentRefused(Reason reason, String message, String field, Integer line) {
        super(message, null, false, false);
        this.reason = reason;
        this.field = field;
        this.line = line;
    }

    public Reason reason() {
        return reason;
    }

    public String field() {
        return field;
    }

    public Integer line() {
        return line;
    }

    /** The same refusal, located at {@code line} of the input (NDJSON items, Kafka records). */
    public DocumentRefused atLine(Integer line) {
        return new DocumentRefused(reason, getMessage(), field, line);
    }
}
