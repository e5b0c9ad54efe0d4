package org.speechforum.query;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.query.index.DocumentIndex;
import org.speechforum.query.index.RootFields;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Bulk-loads many documents straight into the index, in the form the projection writes them (the document's JSON
 * plus {@link RootFields}), for tests that need tens of thousands of documents faster than through Kafka.
 */
public final class IndexedDocuments {

    private IndexedDocuments() {
    }

    public static void bulk(ElasticsearchClient client, DocumentIndex index, int count, IntFunction<Document> document)
            throws IOException {
        index.ensureExists();
        String target = index.properties().writeAlias();
        List<BulkOperation> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Document d = document.apply(i);
            ObjectNode json = DocumentJson.mapper().valueToTree(d);
            RootFields.write(json, d);
            batch.add(BulkOperation.of(b -> b.index(op -> op.index(target).id(d.id()).document(json))));
            if (batch.size() == 2_000 || i == count - 1) {
                BulkResponse response = client.bulk(b -> b.operations(batch));
                if (response.errors()) {
                    throw new AssertionError("bulk failed: " + response.items().stream()
                            .filter(item -> item.error() != null).findFirst().orElseThrow().error());
                }
                batch.clear();
            }
        }
        client.indices().refresh(r -> r.index(target));
    }
}
