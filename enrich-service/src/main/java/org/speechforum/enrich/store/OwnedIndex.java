package org.speechforum.enrich.store;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;

/**
 * An Elasticsearch index that enrich-service owns (its thread state, its link keys): one shard, no replica,
 * created with its mappings on first use. Several instances may race to create it; the loser's
 * {@code resource_already_exists_exception} is the expected outcome, not an error.
 */
public final class OwnedIndex {

    private static final Logger log = LoggerFactory.getLogger(OwnedIndex.class);

    private final ElasticsearchClient client;
    private final String name;
    private final String mappingsResource;
    private final String purpose;
    private volatile boolean ensured;

    /**
     * @param mappingsResource class-path resource holding the index's {@code mappings} JSON
     * @param purpose          what the index holds, for the log line when it is created
     */
    public OwnedIndex(ElasticsearchClient client, String name, String mappingsResource, String purpose) {
        this.client = client;
        this.name = name;
        this.mappingsResource = mappingsResource;
        this.purpose = purpose;
    }

    public String name() {
        return name;
    }

    /**
     * Creates the index with its mappings when missing, else puts its mappings once (so fields added since it was
     * created, such as the thread state's {@code links} and {@code names}, are there before the first write of
     * them: the mappings are {@code dynamic: strict}); idempotent and cheap after the first call.
     */
    public void ensureExists() throws IOException {
        if (ensured) {
            return;
        }
        if (!client.indices().exists(e -> e.index(name)).value()) {
            try (InputStream mappings = mappings()) {
                client.indices().create(c -> c.index(name)
                        .settings(s -> s.numberOfShards("1").numberOfReplicas("0"))
                        .mappings(m -> m.withJson(mappings)));
                log.info("{} index {} created", purpose, name);
            } catch (ElasticsearchException e) {
                if (!"resource_already_exists_exception".equals(e.error().type())) {
                    throw e;
                }
            }
        } else {
            try (InputStream mappings = mappings()) {
                // Adding fields is all a put of the same mappings can do; a conflict is logged, not hidden.
                client.indices().putMapping(p -> p.index(name).withJson(mappings));
            } catch (ElasticsearchException e) {
                log.warn("{} index {}: its mappings could not be brought up to date: {}", purpose, name,
                        e.getMessage());
            }
        }
        ensured = true;
    }

    private InputStream mappings() {
        InputStream mappings = OwnedIndex.class.getResourceAsStream(mappingsResource);
        if (mappings == null) {
            throw new IllegalStateException("Mappings " + mappingsResource + " missing from the class path");
        }
        return mappings;
    }
}
