package org.speechforum.query.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.indices.ExistsAliasRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import org.speechforum.contracts.DocumentJson;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

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
        if (client.indices().existsAlias(ExistsAliasRequest.of(a -> a.name(properties.readAlias()))).value()) {
            // Whatever index the aliases point at (a reindex may have moved them on): fields are only ever added
            // to the contract, so it takes new ones in place; an index of an older version whose fields changed
            // options (version 3: offsets in the text postings) takes only its missing fields until bin/reindex.
            putMappingInPlace();
            // An index made before stubs existed gets the read alias's filter now (re-adding updates it).
            for (String live : client.indices().getAlias(a -> a.name(properties.writeAlias())).aliases().keySet()) {
                client.indices().updateAliases(u -> u.actions(a -> a.add(add -> add.index(live)
                        .alias(properties.readAlias()).filter(readFilter()))));
            }
        } else {
            String index = properties.versionedIndex();
            if (!client.indices().exists(e -> e.index(index)).value()) {
                client.indices().create(c -> c.index(index)
                        .aliases(properties.writeAlias(), a -> a.isWriteIndex(true))
                        .aliases(properties.readAlias(), a -> a.filter(readFilter())));
            } else {
                client.indices().updateAliases(u -> u
                        .actions(a -> a.add(add -> add.index(index).alias(properties.readAlias()).filter(readFilter())))
                        .actions(a -> a.add(add -> add.index(index).alias(properties.writeAlias()).isWriteIndex(true))));
            }
            log.info("Index {} is live behind aliases {} and {}", index, properties.readAlias(),
                    properties.writeAlias());
        }
        ensured = true;
    }

    private void putMappingInPlace() throws IOException {
        try (InputStream mappings = mappings()) {
            client.indices().putMapping(m -> m.index(properties.writeAlias()).withJson(mappings));
        } catch (ElasticsearchException e) {
            if (e.status() != 400) {
                throw e;
            }
            Set<String> present = new HashSet<>();
            client.indices().getMapping(g -> g.index(properties.writeAlias())).mappings()
                    .values().forEach(m -> present.addAll(m.mappings().properties().keySet()));
            ObjectNode all;
            try (InputStream mappings = mappings()) {
                all = (ObjectNode) DocumentJson.mapper().readTree(mappings);
            }
            ObjectNode missing = all.deepCopy();
            ObjectNode fields = missing.putObject("properties");
            all.get("properties").properties().forEach(f -> {
                if (!present.contains(f.getKey())) {
                    fields.set(f.getKey(), f.getValue());
                }
            });
            log.warn("The live index behind {} predates mapping version {} ({}); it takes only the fields it lacks, {}."
                    + " Run bin/reindex {} to rebuild it with the current mappings.", properties.writeAlias(),
                    properties.version(), e.getMessage(), fields.propertyNames(), properties.version());
            byte[] json = DocumentJson.mapper().writeValueAsBytes(missing);
            client.indices().putMapping(m -> m.index(properties.writeAlias())
                    .withJson(new ByteArrayInputStream(json)));
        }
    }

    /**
     * The read alias shows documents only: a stub (the thread state of a document whose body has not been
     * indexed yet, see {@link Projection}) has no {@code kind}.
     */
    public static Query readFilter() {
        return Query.of(q -> q.exists(e -> e.field("kind")));
    }

    private static InputStream mappings() {
        InputStream mappings = DocumentIndex.class.getResourceAsStream(MAPPINGS);
        if (mappings == null) {
            throw new UncheckedIOException(new IOException(MAPPINGS + " is missing from the classpath"));
        }
        return mappings;
    }

    /** Puts the index template (settings and mappings for every {@code <name>-v*} index). */
    public void ensureTemplate() throws IOException {
        putTemplate();
    }

    private void putTemplate() throws IOException {
        try (InputStream mappings = mappings()) {
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
