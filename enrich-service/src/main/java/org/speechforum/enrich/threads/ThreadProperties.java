package org.speechforum.enrich.threads;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Threading in enrich-service ({@code enrich.threads.*}, docs/threading.md).
 *
 * @param index the Elasticsearch index enrich-service owns for thread state: one entry per document (place, parent,
 *              participant key, aggregates on roots), written with optimistic concurrency. Default enrich-threads-v1
 */
@Validated
@ConfigurationProperties("enrich.threads")
public record ThreadProperties(@DefaultValue("enrich-threads-v1") @NotBlank String index) {
}
