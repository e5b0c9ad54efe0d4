package org.speechforum.query.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.indices.ExistsAliasRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Owns the index layout: an index template for {@code <name>-v*} (explicit mappings, nothing dynamic), the
 * versioned index, and the read and write aliases pointing at it. Idempotent, so every start (and the indexer,
 * after an outage) can call {@link #ensureExists()}.
 */
@Component
public class DocumentIndex {

    private static final Logger log = LoggerFactory.getLogger(DocumentIndex.class);
    private static final String MAPPINGS = "/elasticsearch/documents-mappings.json";

    private final ElasticsearchClient client;
    private final IndexProperties properties;
    private volatile boolean ensured;

    public DocumentIndex(ElasticsearchClient client, IndexProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    public IndexProperties properties() {
        return properties;
    }

    public void ensureExists() throws IOException {
        if (ensured) {
            return;
        }
        putTemplate();
        String index = properties.versionedIndex();
        if (!client.indices().exists(e -> e.index(index)).value()) {
            client.indices().create(c -> c.index(index)
                    .aliases(properties.writeAlias(), a -> a.isWriteIndex(true))
                    .aliases(properties.readAlias(), a -> a));
            log.info("Created index {} behind aliases {} and {}", index, properties.readAlias(),
                    properties.writeAlias());
        } else {
            putMappings(index);
        }
        if (!client.indices().existsAlias(ExistsAliasRequest.of(a -> a.name(properties.readAlias()))).value()) {
            client.indices().updateAliases(u -> u
                    .actions(a -> a.add(add -> add.index(index).alias(properties.readAlias())))
                    .actions(a -> a.add(add -> add.index(index).alias(properties.writeAlias()).isWriteIndex(true))));
        }
        ensured = true;
    }

    /** Fields are only ever added to the mappings, so an index made by an older version takes the new ones. */
    private void putMappings(String index) throws IOException {
        try (InputStream mappings = DocumentIndex.class.getResourceAsStream(MAPPINGS)) {
            client.indices().putMapping(m -> m.index(index).withJson(mappings));
        }
    }

    private void putTemplate() throws IOException {
        try (InputStream mappings = DocumentIndex.class.getResourceAsStream(MAPPINGS)) {
            if (mappings == null) {
                throw new UncheckedIOException(new IOException(MAPPINGS + " is missing from the classpath"));
            }
            client.indices().putIndexTemplate(t -> t
                    .name(properties.name())
                    .indexPatterns(properties.name() + "-v*")
                    .template(tpl -> tpl
                            .settings(s -> s
                                    .numberOfShards(String.valueOf(properties.shards()))
                                    .numberOfReplicas(String.valueOf(properties.replicas())))
                            .mappings(m -> m.withJson(mappings))));
        }
    }
}
