package org.speechforum.query.export;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of {@code GET /api/v1/export} ({@code query.export.*}).
 *
 * @param pageSize  documents fetched from Elasticsearch per search_after page (1 to 10,000); the service holds one
 *                  page at a time, so this bounds the memory an export takes. Default 1000
 * @param keepAlive how long the point in time stays open between two pages; a client that stops reading for
 *                  longer loses its export (the stream is cut, see docs/read-api.md). Default 1m
 */
@Validated
@ConfigurationProperties("query.export")
public record ExportProperties(@DefaultValue("1000") @Min(1) @Max(10_000) int pageSize,
                               @DefaultValue("1m") @DurationMin(millis = 1) Duration keepAlive) {
}
