package org.speechforum.query.watch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.MsearchResponse;
import co.elastic.clients.elasticsearch.core.msearch.MultiSearchResponseItem;
import co.elastic.clients.elasticsearch.core.msearch.RequestItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.kafka.DownstreamUnavailable;
import org.speechforum.query.index.IndexProperties;
import org.speechforum.query.index.IndexedBodiesListener;
import org.speechforum.query.search.DocumentQueries;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Matches each batch the live indexer has just written against every watch, and publishes the new matches to
 * {@code watches.matches.v1}. The batch is searched where it was written: one refresh, then one multi-search
 * with one search per watch, each the watch's own search ({@link DocumentQueries}, as {@code GET
 * /api/v1/search} runs it) limited to the batch's ids; so a watch finds exactly what the search would. A match
 * already announced (same watch, document and content, recorded in the deliveries index) is not announced again,
 * so a batch delivered twice, a replay or a re-tagging announces nothing new. Runs before the indexer commits
 * its offsets: if Kafka or Elasticsearch fail, the batch comes again (docs/watches.md, delivery).
 */
@Component
class WatchMatcher implements IndexedBodiesListener {

    private static final Logger log = LoggerFactory.getLogger(WatchMatcher.class);
    /** Searches per multi-search request. */
    private static final int CHUNK = 100;
    private static final List<String> SUMMARY = List.of("id", "kind", "source", "title", "author.name",
            "author.handle", "url", "publishedAt", "contentHash");

    private final ElasticsearchClient client;
    private final IndexProperties index;
    private final WatchRegistry registry;
    private final WatchProperties properties;
    private final KafkaTemplate<String, byte[]> kafka;
    private final Clock clock;
    private final Counter published;
    private final Counter repeated;
    private final Timer matching;
    private volatile boolean deliveriesReady;
    private volatile boolean gaveUpWaiting;

    WatchMatcher(ElasticsearchClient client, IndexProperties index, WatchRegistry registry,
                 WatchProperties properties, KafkaTemplate<String, byte[]> kafka, MeterRegistry meters) {
        this.client = client;
        this.index = index;
        this.registry = registry;
        this.properties = properties;
        this.kafka = kafka;
        this.clock = Clock.systemUTC();
        this.published = Counter.builder("pipeline.watch.matches").description("Watch matches published")
                .tag("outcome", "published").register(meters);
        this.repeated = Counter.builder("pipeline.watch.matches").description("Watch matches published")
                .tag("outcome", "already-published").register(meters);
        this.matching = Timer.builder("pipeline.watch.match").description("Matching one indexed batch against "
                + "every watch and publishing its matches").register(meters);
    }

    @Override
    public void indexed(List<ObjectNode> bodies) {
        awaitLoaded();
        List<Watch> watches = registry.all();
        if (watches.isEmpty() || bodies.isEmpty()) {
            return;
        }
        Timer.Sample sample = Timer.start();
        try {
            List<WatchMatch> matches = match(watches, ids(bodies));
            if (!matches.isEmpty()) {
                publish(matches);
            }
        } catch (IOException e) {
            throw new DownstreamUnavailable("Elasticsearch is unreachable for watch matching: " + e.getMessage(), e);
        } finally {
            sample.stop(matching);
        }
    }

    /**
     * Fail-safe: the indexer is never held back for long by watches. Until {@code watches.v1} has been read after
     * a start, the first batch waits at most {@code match-wait}; if the log is still not read by then, this and
     * every later batch is matched against the watches known so far (none, usually) without waiting again, and
     * a warning is logged. Never throws, so a batch is never retried because the watches are not read.
     */
    private void awaitLoaded() {
        if (gaveUpWaiting || registry.loaded()) {
            return;
        }
        try {
            if (!registry.awaitLoaded(properties.matchWait())) {
                gaveUpWaiting = true;
                log.warn("{} is not read after {}; indexed batches are matched against the {} watches known so far "
                        + "until it is", WatchTopics.WATCHES, properties.matchWait(), registry.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> ids(List<ObjectNode> bodies) {
        List<String> ids = new ArrayList<>(bodies.size());
        for (ObjectNode body : bodies) {
            if (body.get("id") != null && !body.get("id").isNull()) {
                ids.add(body.get("id").asString());
            }
        }
        return ids.stream().distinct().toList();
    }

    private List<WatchMatch> match(List<Watch> watches, List<String> ids) throws IOException {
        // The bulk did not refresh; the batch must be searchable before it is searched.
        client.indices().refresh(r -> r.index(index.writeAlias()));
        Instant indexedAt = clock.instant();
        List<WatchMatch> matches = new ArrayList<>();
        for (int start = 0; start < watches.size(); start += CHUNK) {
            List<Watch> chunk = watches.subList(start, Math.min(watches.size(), start + CHUNK));
            List<RequestItem> searches = new ArrayList<>(chunk.size());
            for (Watch watch : chunk) {
                Query query = Query.of(q -> q.bool(b -> b
                        .must(DocumentQueries.of(watch.params()))
                        .filter(f -> f.ids(i -> i.values(ids)))));
                searches.add(RequestItem.of(r -> r
                        .header(h -> h.index(index.readAlias()))
                        .body(b -> b.query(query).size(ids.size()).trackTotalHits(t -> t.enabled(false))
                                .source(s -> s.filter(f -> f.includes(SUMMARY))))));
            }
            MsearchResponse<ObjectNode> response = client.msearch(m -> m.searches(searches), ObjectNode.class);
            for (int i = 0; i < response.responses().size(); i++) {
                MultiSearchResponseItem<ObjectNode> item = response.responses().get(i);
                Watch watch = chunk.get(i);
                if (item.isFailure()) {
                    int status = item.failure().status();
                    if (status == 429 || status >= 500) {
                        throw new DownstreamUnavailable("Elasticsearch could not match watch " + watch.id() + ": "
                                + item.failure().error().reason(), null);
                    }
                    log.warn("Watch {} could not be matched: {}", watch.id(), item.failure().error().reason());
                    continue;
                }
                for (Hit<ObjectNode> hit : item.result().hits().hits()) {
                    if (hit.source() != null) {
                        matches.add(WatchMatch.of(watch, hit.source(), indexedAt));
                    }
                }
            }
        }
        return matches;
    }

    /**
     * Publishes the matches not published before, then records them. A crash between the two publishes them
     * again on redelivery (at least once); the reverse order could lose them.
     */
    private void publish(List<WatchMatch> matches) throws IOException {
        ensureDeliveriesIndex();
        Map<String, WatchMatch> byId = new LinkedHashMap<>();
        matches.forEach(m -> byId.putIfAbsent(m.matchId(), m));
        MgetResponse<Void> seen = client.mget(m -> m.index(properties.deliveriesIndex())
                .ids(List.copyOf(byId.keySet())).source(s -> s.fetch(false)).realtime(true), Void.class);
        Set<String> done = new HashSet<>();
        seen.docs().forEach(d -> {
            if (d.isResult() && d.result().found()) {
                done.add(d.result().id());
            }
        });
        List<WatchMatch> fresh = byId.values().stream().filter(m -> !done.contains(m.matchId())).toList();
        repeated.increment(byId.size() - fresh.size());
        if (fresh.isEmpty()) {
            return;
        }
        List<CompletableFuture<?>> sends = new ArrayList<>(fresh.size());
        for (WatchMatch match : fresh) {
            sends.add(kafka.send(WatchTopics.MATCHES, match.watchId(), DocumentJson.mapper().writeValueAsBytes(match)));
        }
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new DownstreamUnavailable("Kafka did not take the watch matches: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownstreamUnavailable("Interrupted while publishing watch matches", e);
        }
        published.increment(fresh.size());
        BulkRequest.Builder record = new BulkRequest.Builder().index(properties.deliveriesIndex());
        for (WatchMatch match : fresh) {
            ObjectNode delivery = DocumentJson.mapper().createObjectNode()
                    .put("watchId", match.watchId()).put("documentId", match.documentId())
                    .put("indexedAt", match.indexedAt().toString());
            record.operations(o -> o.create(c -> c.id(match.matchId()).document(delivery)));
        }
        BulkResponse response = client.bulk(record.build());
        if (response.errors()) {
            // 409: another instance recorded it first (a rebalance); anything else only risks a repeat later.
            response.items().stream().filter(i -> i.error() != null && i.status() != 409).findFirst()
                    .ifPresent(i -> log.warn("Could not record watch match {}: {}", i.id(), i.error().reason()));
        }
    }

    private void ensureDeliveriesIndex() throws IOException {
        if (deliveriesReady) {
            return;
        }
        String name = properties.deliveriesIndex();
        if (!client.indices().exists(e -> e.index(name)).value()) {
            try {
                client.indices().create(c -> c.index(name)
                        .settings(s -> s.numberOfShards("1").numberOfReplicas(String.valueOf(index.replicas())))
                        .mappings(m -> m.dynamic(co.elastic.clients.elasticsearch._types.mapping.DynamicMapping.False)
                                .properties("watchId", p -> p.keyword(k -> k))
                                .properties("documentId", p -> p.keyword(k -> k))
                                .properties("indexedAt", p -> p.date(d -> d))));
            } catch (ElasticsearchException e) {
                if (!"resource_already_exists_exception".equals(e.error().type())) {
                    throw e;
                }
            }
        }
        deliveriesReady = true;
    }
}
