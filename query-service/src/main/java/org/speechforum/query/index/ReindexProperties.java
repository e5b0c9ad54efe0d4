package org.speechforum.query.index;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The one-off rebuild ({@code query.reindex.*}, set by {@code bin/reindex}; docs/operations.md).
 *
 * @param toVersion       set: query-service starts as a command (no web server, no listeners) that rebuilds the
 *                        index as {@code <query.index.name>-v<to-version>}, switches the aliases to it and exits.
 *                        Unset (the default): the service runs as usual
 * @param bulkSize        documents per bulk request of the rebuild (and records per poll of the topics). Default 1000
 * @param concurrentBulks bulk requests the rebuild keeps in flight at once into a new index (one per lane; the
 *                        records of one document always take the same lane). Default 2
 * @param threadRecordsPerPartition documents whose newest thread record the one-write rebuild holds in memory for
 *                        one partition at most (about 0.4 KB of heap each for a reply three levels deep, plus about
 *                        60 bytes per further level of its path); a partition with more is rebuilt with two writes
 *                        per document instead. Default 500000
 */
@Validated
@ConfigurationProperties("query.reindex")
public record ReindexProperties(@Min(1) Integer toVersion,
                                @DefaultValue("1000") @Min(1) int bulkSize,
                                @DefaultValue("2") @Min(1) int concurrentBulks,
                                @DefaultValue("500000") @Min(1) int threadRecordsPerPartition) {
}
