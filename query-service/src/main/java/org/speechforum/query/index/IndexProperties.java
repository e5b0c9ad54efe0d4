package org.speechforum.query.index;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The documents index ({@code query.index.*}): its base name, the version currently written, and its shape.
 *
 * @param name     base name: readers use the alias {@code <name>}, the indexer writes through {@code <name>-write};
 *                 both point at {@code <name>-v<version>}, so a rebuilt index can take over without downtime.
 *                 Default documents
 * @param version  the version of the concrete index this deployment reads and writes (env
 *                 {@code QUERY_INDEX_VERSION}); {@code bin/reindex <version>} builds the next one. Default 2
 * @param shards   primary shards of an index the service creates. Default 1
 * @param replicas replicas of an index the service creates (env {@code ELASTICSEARCH_REPLICAS}). Default 0
 */
@Validated
@ConfigurationProperties("query.index")
public record IndexProperties(@DefaultValue("documents") @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9_.-]*") String name,
                              @DefaultValue("2") @Min(1) int version,
                              @DefaultValue("1") @Min(1) int shards,
                              @DefaultValue("0") @Min(0) int replicas) {

    /** The alias dashboards read through. */
    public String readAlias() {
        return name;
    }

    /** The alias the indexer writes through. */
    public String writeAlias() {
        return name + "-write";
    }

    /** The concrete index of {@link #version}, e.g. {@code documents-v1}. */
    public String versionedIndex() {
        return name + "-v" + version;
    }
}
