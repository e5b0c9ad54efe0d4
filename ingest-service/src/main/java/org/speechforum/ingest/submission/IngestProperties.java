package org.speechforum.ingest.submission;

import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The ingest settings ({@code ingest.*}), one property each (every component that enforces a limit reads it here).
 *
 * @param apiKey                the single plain API key clients send in {@code X-API-Key} (env {@code INGEST_API_KEY});
 *                              hashed at start and kept as key {@code default}. Unset, with no keys file either: a
 *                              random key is generated and logged at start. Named keys: {@code pipeline.api-keys.*}
 * @param publishTimeout        how long an upload waits for Kafka to acknowledge its documents before answering 503.
 *                              Default 30s
 * @param maxBodySize           the largest request body, multipart upload or Kafka submission taken; larger gets 413
 *                              or goes to the DLQ (env {@code INGEST_MAX_BODY_SIZE}). Default 10MB
 * @param maxConcurrentRequests API requests in flight at once; more get 429 with Retry-After before their body is read
 *                              (env {@code INGEST_MAX_CONCURRENT_REQUESTS}). Default 32
 */
@Validated
@ConfigurationProperties("ingest")
public record IngestProperties(String apiKey,
                               @DefaultValue("30s") @DurationMin(millis = 1) Duration publishTimeout,
                               @DefaultValue("10MB") DataSize maxBodySize,
                               @DefaultValue("32") @Min(1) int maxConcurrentRequests) {
}
