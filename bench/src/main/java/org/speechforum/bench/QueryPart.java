package org.speechforum.bench;

import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import org.speechforum.bench.BenchKit.Call;
import org.speechforum.bench.BenchKit.Load;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.query.index.RootFields;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

import static org.speechforum.bench.BenchKit.enc;
import static org.speechforum.bench.BenchKit.enrich;
import static org.speechforum.bench.BenchKit.get;
import static org.speechforum.bench.BenchKit.load;
import static org.speechforum.bench.BenchKit.post;
import static org.speechforum.bench.BenchKit.postNdjson;
import static org.speechforum.bench.BenchKit.prop;
import static org.speechforum.bench.Report.ratio;

/**
 * Part "query": a corpus of {@code bench.query.docs} documents loaded through documents-write, then each read of
 * the dashboards through query-service against the best body sent straight to Elasticsearch (and the old design's).
 */
final class QueryPart {

    private final Stack stack;
    private final BenchKit kit;
    private final Report report;

    QueryPart(Stack stack, BenchKit kit, Report report) {
        this.stack = stack;
        this.kit = kit;
        this.report = report;
    }

    void run(List<Document> baseRaw, List<byte[]> baseEnriched) throws Exception {
        int target = prop("query.docs", 100_000);
        // query-service creates the index (and its aliases) on start, asynchronously: wait for it rather than
        // counting a missing index.
        long present = kit.awaitIndex("documents", Duration.ofMinutes(2));
        if (present < target) {
            long missing = target - present;
            // Tagging runs at a few hundred docs/s on this machine, so a base set is enriched with the real
            // DocumentEnricher and then copied with new ids and dates spread week by week back from the base's
            // own (entities unchanged), streamed into the bulk ingester one copy at a time.
            if (baseRaw == null) {
                baseRaw = Corpus.generate(3, (int) Math.min(missing, prop("query.unique", 10_000)), "q", 0);
                baseEnriched = enrich(baseRaw);
            }
            List<Document> base = baseEnriched.stream().map(DocumentJson::read).toList();
            long t0 = System.nanoTime();
            // No refreshes while loading (the index is not read meanwhile); the default comes back after.
            kit.esRequest("PUT", "/documents-write/_settings", "{\"index\":{\"refresh_interval\":\"-1\"}}");
            try (BulkIngester<Void> ingester = BulkIngester.of(b -> b.client(kit.es()).maxOperations(1000)
                    .maxConcurrentRequests(2).maxSize(20L * 1024 * 1024))) {
                for (long i = 0; i < missing; i++) {
                    Document d = base.get((int) (i % base.size()));
                    long round = i / base.size();
                    String externalId = d.externalId() + "-c" + round;
                    Document copy = d.toBuilder().externalId(externalId)
                            .id(org.speechforum.contracts.DocumentIds.of(d.source(), externalId))
                            .publishedAt(d.publishedAt().minusSeconds(86_400L * 7 * round))
                            .build();
                    // As query-service's projection writes it: the document and its root-level entity fields.
                    byte[] json = DocumentJson.mapper().writeValueAsBytes(
                            RootFields.write(DocumentJson.mapper().valueToTree(copy), copy));
                    ingester.add(op -> op.index(ix -> ix.index("documents-write").id(copy.id())
                            .document(BinaryData.of(json, ContentType.APPLICATION_JSON))));
                }
            }
            kit.esRequest("PUT", "/documents-write/_settings", "{\"index\":{\"refresh_interval\":null}}");
            kit.esRequest("POST", "/documents/_refresh", null, Duration.ofMinutes(30));
            double rate = missing / ((System.nanoTime() - t0) / 1e9);
            report.add("4 query", "Bulk load through documents-write (BulkIngester, streamed), " + missing + " docs ("
                    + base.size() + " distinct texts)", String.format(Locale.ROOT, "%.0f docs/s", rate), "");
        }
        long total = kit.count("documents");
        System.out.println("  documents in the index: " + total);
        int hold = prop("query.hold", 0);
        if (hold > 0) {
            // For looking into a query by hand (profile, explain) on the loaded index before the timed part.
            System.out.printf("  holding %d s before the timed part: Elasticsearch %s, query-service %s%n", hold,
                    stack.esUrl(), stack.url("query-service"));
            Thread.sleep(hold * 1000L);
        }
        String holdFile = System.getProperty("bench.query.hold-file");
        if (holdFile != null && !holdFile.isBlank()) {
            // Load now, time later: a million-document load takes minutes a busy machine can spare, the timed
            // part needs a quiet one. It starts when the file exists (touch it).
            java.nio.file.Path go = java.nio.file.Path.of(holdFile);
            System.out.printf("  holding until %s exists: Elasticsearch %s, query-service %s%n", go, stack.esUrl(),
                    stack.url("query-service"));
            while (!java.nio.file.Files.exists(go)) {
                Thread.sleep(1000);
            }
        }
        report.note("load average before the query part: " + Report.loadAverage());
        String svc = stack.url("query-service");
        String[] words = {"BRICS", "Latin America", "food security", "NATO sovereignty", "\"New Development Bank\""};
        String[] entities = {"Q7747", "Q7184", "sf:organization:brics", "Q1394", "Q11256"};
        String esSearch = stack.esUrl() + "/documents/_search";
        List<QueryKind> kinds = List.of(
                new QueryKind("search q=", i -> svc + "/api/v1/search?q=" + enc(words[i % words.length]),
                        i -> searchStraight(stack.esUrl(), words[i % words.length], null),
                        i -> post(esSearch, OldEsQueries.search(words[i % words.length], null))),
                new QueryKind("search entity= + facets", i -> svc + "/api/v1/search?entity="
                        + enc(entities[i % entities.length]),
                        i -> searchStraight(stack.esUrl(), null, entities[i % entities.length]),
                        i -> post(esSearch, OldEsQueries.search(null, entities[i % entities.length]))),
                new QueryKind("entity page", i -> svc + "/api/v1/entities/" + enc(entities[i % entities.length]),
                        i -> entityPageStraight(esSearch, entities[i % entities.length]),
                        i -> post(esSearch, OldEsQueries.entityPage(entities[i % entities.length]))),
                new QueryKind("stats/mentions (week)", i -> svc + "/api/v1/stats/mentions?interval=week&entity="
                        + enc(entities[i % entities.length]), i -> post(esSearch,
                        EsQueries.mentions(entities[i % entities.length])),
                        i -> post(esSearch, OldEsQueries.mentions(entities[i % entities.length]))));
        int seconds = prop("query.seconds", 8);
        boolean old = Boolean.parseBoolean(System.getProperty("bench.query.old", "true"));
        for (QueryKind kind : kinds) {
            if (old) {
                Load before = load(10, seconds, kind.old());
                report.add("4 query", String.format("%s, 10 clients: old design (v1 nested body) straight to Elasticsearch",
                        kind.name()), before.summary(), "");
            }
            for (int clients : List.of(10, 50)) {
                Load direct = load(clients, seconds, kind.es());
                Load service = load(clients, seconds, i -> get(kind.service().apply(i)));
                report.add("4 query", String.format("%s, %d clients, %d docs: query-service", kind.name(), clients, total),
                        service.summary(), ratio(service.p99(), direct.p99()) + " p99 vs ES");
                report.add("4 query", String.format("%s, %d clients: best body straight to Elasticsearch", kind.name(),
                                clients), direct.summary(), "1.00");
            }
        }
        report.note("load average after the query part: " + Report.loadAverage());
    }

    /** query-service's default {@code query.search.facet-sample}. */
    static final int FACET_SAMPLE = 10_000;

    /** A search straight to Elasticsearch: the count, then the page and the (maybe sampled) facets. */
    private static int searchStraight(String esUrl, String q, String entity) throws Exception {
        HttpResponse<byte[]> counted = BenchKit.HTTP.send(HttpRequest.newBuilder(URI.create(esUrl + "/documents/_count"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(EsQueries.count(q, entity))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (counted.statusCode() != 200) {
            return counted.statusCode();
        }
        long matches = DocumentJson.mapper().readTree(counted.body()).path("count").asLong();
        return postNdjson(esUrl + "/documents/_msearch", EsQueries.search(q, entity, matches, FACET_SAMPLE));
    }

    /** The entity page straight to Elasticsearch: the page body, then the co-occurring entities' mentions. */
    private static int entityPageStraight(String esSearch, String id) throws Exception {
        HttpResponse<byte[]> first = BenchKit.HTTP.send(HttpRequest.newBuilder(URI.create(esSearch.replace("_search",
                        "_msearch"))).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(EsQueries.entityPage(id))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (first.statusCode() != 200) {
            return first.statusCode();
        }
        List<String> others = EsQueries.cooccurring(DocumentJson.mapper().readTree(first.body()));
        return others.isEmpty() ? 200 : post(esSearch, EsQueries.cooccurringMentions(id, others));
    }

    record QueryKind(String name, IntFunction<String> service, Call es, Call old) {
    }
}
