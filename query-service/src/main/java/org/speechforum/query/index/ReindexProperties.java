package org.speechforum.query.index;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The one-off rebuild ({@code query.reindex.*}, set by {@code bin/reindex}; docs/operations.md).
 *
 * @param toVersion set: query-service starts as a command (no web server, no listeners) that rebuilds the index as
 *                  {@code <query.index.name>-v<to-version>}, switches the aliases to it and exits. Unset (the
 *                  default): the service runs as usual
 */
@Validated
@ConfigurationProperties("query.reindex")
public record ReindexProperties(@Min(1) Integer toVersion) {
}
