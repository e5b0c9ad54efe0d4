package org.speechforum.query.lookup;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.speechforum.query.index.IndexProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /api/v1/documents/_lookup}: many documents by id in one multi-get, answering which were found and
 * which are missing. Documents come as {@code GET /api/v1/documents/{id}} shows them, without the index's
 * aggregation fields.
 */
@RestController
class LookupController {

    /** The index's own aggregation fields (see RootFields, Projection): not part of the document. */
    private static final List<String> INTERNAL_FIELDS = List.of("entityIds", "entityTypes", "entityIdsByType",
            "entityMentions", "threadVersion", "textByLanguage", "titleByLanguage", "analyzedLanguage");

    private final ElasticsearchClient client;
    private final IndexProperties index;
    private final LookupProperties properties;

    LookupController(ElasticsearchClient client, IndexProperties index, LookupProperties properties) {
        this.client = client;
        this.index = index;
        this.properties = properties;
    }

    @PostMapping("/api/v1/documents/_lookup")
    @Operation(summary = "Look up many documents by id", description = """
            Up to 1,000 ids (query.lookup.max-ids) in one request; more are refused with 400 (split them). \
            Duplicates count once. `found` lists the documents in the order asked, `missing` the ids with no \
            document (never indexed, deleted, or only thread state so far).""")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(value = """
            {"ids":["2c9770e0ff85a0163919fb1ccce44ce5","00000000000000000000000000000000"]}""")))
    @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = """
            {"found":[{"id":"2c9770e0ff85a0163919fb1ccce44ce5","kind":"COMMENT","source":"lemmygrad.ml",\
            "publishedAt":"2023-11-01T00:00:00Z","publishedAtPrecision":"YEAR","text":"Putin is right about NATO."}],\
            "missing":["00000000000000000000000000000000"]}""")))
    @ApiResponse(responseCode = "400", description = "no ids, an empty id, or more ids than the limit",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(value = """
                    {"type":"about:blank","title":"Invalid lookup","status":400,\
                    "detail":"a lookup takes at most 1,000 ids; this one has 1,001, so split it into requests of 1,000 or fewer",\
                    "maxIds":1000}""")))
    LookupResult lookup(@RequestBody LookupRequest request) throws IOException {
        List<String> ids = LookupIds.check(request.ids(), properties.maxIds());
        MgetResponse<ObjectNode> response = client.mget(m -> m.index(index.readAlias()).ids(ids)
                .sourceExcludes(INTERNAL_FIELDS), ObjectNode.class);
        List<ObjectNode> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (MultiGetResponseItem<ObjectNode> item : response.docs()) {
            if (item.isFailure()) {
                if (!"index_not_found_exception".equals(item.failure().error().type())) {
                    throw new IOException("lookup of " + item.failure().id() + " failed: "
                            + item.failure().error().type());
                }
                missing.add(item.failure().id());
                continue;
            }
            ObjectNode source = item.result().source();
            // A stub (thread state that arrived before its document, no kind) is not a document yet; multi-get,
            // unlike search, does not apply the read alias's filter.
            if (item.result().found() && source != null && source.get("kind") != null) {
                found.add(source);
            } else {
                missing.add(item.result().id());
            }
        }
        return new LookupResult(found, missing);
    }

    @ExceptionHandler
    ProblemDetail invalid(LookupIds.InvalidLookup e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid lookup");
        problem.setProperty("maxIds", properties.maxIds());
        return problem;
    }

    /** @param ids document ids, at most {@code query.lookup.max-ids} (1,000) */
    record LookupRequest(List<String> ids) {
    }

    record LookupResult(List<ObjectNode> found, List<String> missing) {
    }
}
