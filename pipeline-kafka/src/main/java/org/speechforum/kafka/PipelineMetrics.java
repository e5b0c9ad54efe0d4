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

    /** Timer of one bulk request to Elasticsearch (query-service indexer), with p50/p99 and histogram buckets. */
    public static final String INDEX_BULK = "pipeline.index.bulk";
    /** Gauge: records held by each dead-letter topic; tag {@code topic}. Registered by pipeline-kafka. */
    public static final String DLQ_DEPTH = "pipeline.dlq.depth";
    /** Gauge: 1 while the service's readiness health group is UP, 0 otherwise. Registered by pipeline-kafka. */
    public static final String READINESS = "pipeline.health.readiness";
    /** Timer around one record's work in a batch listener; see {@link RecordObservations}. */
    public static final String RECORD_PROCESS = RecordObservations.NAME;

    /** Entities tagged per enriched document (distribution summary). */
    public static final String ENTITIES_PER_DOCUMENT = "pipeline.enrich.entities";
    /** Documents per bulk request to Elasticsearch (distribution summary). */
    public static final String BULK_SIZE = "pipeline.index.bulk.size";
    /** Bulk items Elasticsearch refused; tags {@code reason} (its error type), {@code retried} (true/false). */
    public static final String INDEX_FAILURES = "pipeline.index.failures";
    /** Where threading put documents; tag {@code outcome}: root, attached, orphaned, reattached. */
    public static final String THREADING_OUTCOMES = "pipeline.threading.outcomes";

    private PipelineMetrics() {
    }
}
