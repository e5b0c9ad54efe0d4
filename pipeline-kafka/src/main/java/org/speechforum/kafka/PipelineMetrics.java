package org.speechforum.kafka;

/**
 * Names of the pipeline's own meters, one place for all three services so dashboards and docs agree.
 * Prometheus shows them with dots as underscores and counters suffixed {@code _total}.
 */
public final class PipelineMetrics {

    /** Documents ingest-service published to documents.raw.v1; tag {@code format}. */
    public static final String DOCUMENTS_ACCEPTED = "pipeline.documents.accepted";
    /** Input ingest-service refused; tags {@code format}, {@code reason}. */
    public static final String DOCUMENTS_REFUSED = "pipeline.documents.refused";
    /** Documents enrich-service published to documents.enriched.v1. */
    public static final String DOCUMENTS_ENRICHED = "pipeline.documents.enriched";
    /** Documents query-service wrote to Elasticsearch. */
    public static final String DOCUMENTS_INDEXED = "pipeline.documents.indexed";
    /** Records that failed for good and went to a dead-letter topic; tags {@code topic}, {@code reason}. */
    public static final String DOCUMENTS_FAILED = "pipeline.documents.failed";

    private PipelineMetrics() {
    }
}
