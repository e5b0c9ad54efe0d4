package org.speechforum.ingest.submission;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The ingest limits, one property each (every component that enforces a limit reads it from here):
 *
 * @param maxBodySize            {@code ingest.max-body-size} (env {@code INGEST_MAX_BODY_SIZE}, default 10MB): the
 *                               largest request body, multipart upload or Kafka submission taken; larger gets 413 /
 *                               goes to the DLQ
 * @param maxConcurrentRequests  {@code ingest.max-concurrent-requests} (default 32): API requests in flight at once;
 *                               more get 429 with Retry-After
 */
@ConfigurationProperties("ingest")
public record IngestProperties(DataSize maxBodySize, Integer maxConcurrentRequests) {

    public IngestProperties {
        maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(10) : maxBodySize;
        maxConcurrentRequests = maxConcurrentRequests == null ? 32 : maxConcurrentRequests;
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("ingest.max-concurrent-requests must be at least 1, not "
                    + maxConcurrentRequests);
        }
    }
}
