package org.speechforum.contracts;

/** Kafka topic names (contract). Every topic a service consumes has a dead-letter twin, see {@link #dlq}. */
public final class Topics {

    /** Scrapers produce raw payloads here, with a {@code content-type} header naming the format. */
    public static final String SUBMISSIONS = "ingest.submissions.v1";
    /** Canonical, validated documents published by ingest-service; keyed by document id. */
    public static final String RAW = "documents.raw.v1";
    /** Enriched documents published by enrich-service; keyed by document id. */
    public static final String ENRICHED = "documents.enriched.v1";
    /**
     * Thread state decided by enrich-service ({@link ThreadRecord}): each document's place and, on roots, the
     * thread aggregates; keyed by document id, compacted, versioned per document.
     */
    public static final String THREADS = "documents.threads.v1";

    private Topics() {
    }

    /** The dead-letter topic of {@code topic}: records that failed after bounded retries, with the reason in headers. */
    public static String dlq(String topic) {
        return topic + ".dlq";
    }
}
