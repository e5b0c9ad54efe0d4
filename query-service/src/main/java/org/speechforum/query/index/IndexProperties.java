package org.speechforum.query.index;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The documents index: its base name, the version currently written, and its shape. */
@ConfigurationProperties("query.index")
public record IndexProperties(String name, int version, int shards, int replicas) {

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
