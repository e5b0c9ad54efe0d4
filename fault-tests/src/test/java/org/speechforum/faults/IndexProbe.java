package org.speechforum.faults;

import static org.speechforum.contracts.JsonFields.text;

import org.speechforum.contracts.DocumentJson;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Elasticsearch directly over its HTTP API, bypassing query-service, so what the index holds is checked
 * without trusting the code under test.
 */
final class IndexProbe {

    /** One indexed document, as Elasticsearch holds it. */
    record Hit(String esId, String id, String externalId, String title, String text, String contentHash) {
    }

    private static final String INDEX = "documents";
    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    IndexProbe(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Every document of {@code source}, after a refresh; throws if Elasticsearch does not answer. */
    List<Hit> documentsOf(String source) throws Exception {
        post("/" + INDEX + "/_refresh", "");
        JsonNode answer = post("/" + INDEX + "/_search", """
                {"size":10000,"track_total_hits":true,"query":{"term":{"source":"%s"}},
                 "_source":["id","externalId","title","text","contentHash"]}""".formatted(source));
        List<Hit> hits = new ArrayList<>();
        for (JsonNode hit : answer.path("hits").path("hits")) {
            JsonNode s = hit.path("_source");
            hits.add(new Hit(hit.path("_id").asString(), text(s, "id"), text(s, "externalId"), text(s, "title"),
                    text(s, "text"), text(s, "contentHash")));
        }
        long total = answer.path("hits").path("total").path("value").asLong();
        if (total != hits.size()) {
            throw new IllegalStateException("More than one page of hits for " + source + ": " + total);
        }
        return hits;
    }

    /** Count of documents of {@code source}, or -1 if Elasticsearch does not answer. */
    long countOrMinusOne(String source) {
        try {
            return documentsOf(source).size();
        } catch (Exception e) {
            return -1;
        }
    }


    private JsonNode post(String path, String json) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": "
                    + new String(response.body()));
        }
        return DocumentJson.mapper().readTree(response.body());
    }
}
