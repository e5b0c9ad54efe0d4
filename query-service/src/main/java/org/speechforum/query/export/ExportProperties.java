package org.speechforum.query.export;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of {@code GET /api/v1/export}.
 *
 * @param pageSize  documents fetched from Elasticsearch per search_after page (1 to 10,000); the service holds one
 *                  page at a time, so this bounds the memory an export takes
 * @param keepAlive how long the point in time stays open between two pages; a client that stops reading for
 *                  longer loses its export (the stream is cut, see docs/export)
 */
@ConfigurationProperties("query.export")
public record ExportProperties(@DefaultValue("1000") int pageSize, @DefaultValue("1m") Duration keepAlive) {

    public ExportProperties {
        if (pageSize < 1 || pageSize > 10_000) {
            throw new IllegalArgumentException("query.export.page-size must be between 1 and 10000, not " + pageSize);
        }
        if (keepAlive.isNegative() || keepAlive.isZero()) {
            throw new IllegalArgumentException("query.export.keep-alive must be positive, not " + keepAlive);
        }
    }
}
