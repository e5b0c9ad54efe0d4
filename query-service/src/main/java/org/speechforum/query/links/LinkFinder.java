package org.speechforum.query.links;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.MsearchResponse;
import co.elastic.clients.elasticsearch.core.msearch.MultiSearchResponseItem;
import co.elastic.clients.elasticsearch.core.msearch.RequestItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.contracts.Link;
import org.speechforum.query.index.IndexProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds DISCUSSES / QUOTES links with Elasticsearch proposing candidates and {@link Linker} deciding. Forward
 * (a forum document arrives): a more_like_this query over speeches, plus speeches whose URL the text names, plus
 * the speeches of the same batch. Reverse (a speech arrives after its discussion): a more_like_this query over
 * forum documents, plus those naming its URL; their links are merged and written with a partial update.
 */
@Component
public class LinkFinder {

    private static final Logger log = LoggerFactory.getLogger(LinkFinder.class);
    private static final Pattern URL = Pattern.compile("https?://[^\\s)\\]>\"']+", Pattern.CASE_INSENSITIVE);
    private static final int REVERSE_CANDIDATES = 50;

    private final ElasticsearchClient client;
    private final IndexProperties index;
    private final LinkProperties properties;
    private final Linker linker;
    private final Timer timer;
    private final Timer reverseTimer;
    private final MeterRegistry meters;

    /** The index searched and updated: the write alias, or the index a rebuild is filling. */
    private final String target;

    @org.springframework.beans.factory.annotation.Autowired
    LinkFinder(ElasticsearchClient client, IndexProperties index, LinkProperties properties, MeterRegistry meters) {
        this(client, index, properties, meters, index.writeAlias());
    }

    private LinkFinder(ElasticsearchClient client, IndexProperties index, LinkProperties properties,
                       MeterRegistry meters, String target) {
        this.target = target;
        this.client = client;
        this.index = index;
        this.properties = properties;
        this.meters = meters;
        this.linker = new Linker(properties);
        this.timer = Timer.builder("pipeline.links").description("Finding cross-document links of a batch")
                .register(meters);
        this.reverseTimer = Timer.builder("pipeline.links.reverse")
                .description("Linking stored forum documents to the speeches of a batch").register(meters);
    }

    /** The same link finding against another index (a rebuild that is not behind the aliases yet). */
    public LinkFinder on(String otherIndex) {
        return new LinkFinder(client, index, properties, meters, otherIndex);
    }

    /** The links each forum document of the batch gets (documents without any are absent). */
    public Map<String, List<Link>> forward(List<Document> batch) throws IOException {
        Map<String, List<Link>> out = new HashMap<>();
        if (!properties.enabled()) {
            return out;
        }
        long t0 = System.nanoTime();
        // Speeches of this same batch are not candidates here: they are written with the batch, and reverse()
        // then finds the batch's forum documents for them. Pairing every comment with every speech of a batch
        // was quadratic and bounded the indexer (measured: ~6 s of a 7 s batch of 400 documents).
        List<Document> forum = new ArrayList<>();
        for (Document d : batch) {
            if (d.kind() != DocumentKind.SPEECH && d.text() != null
                    && (d.text().length() > 40 || URL.matcher(d.text()).find())) {
                forum.add(d);
            }
        }
        Map<String, Linker.Speech> prepared = new HashMap<>();
        if (!forum.isEmpty()) {
            List<RequestItem> searches = new ArrayList<>();
            for (Document d : forum) {
                Query query = Query.of(q -> q.bool(b -> {
                    b.filter(f -> f.term(t -> t.field("kind").value("SPEECH")));
                    b.should(s -> s.moreLikeThis(m -> m.fields("text").like(l -> l.text(d.text()))
                            .minTermFreq(1).minDocFreq(1).maxQueryTerms(30).minimumShouldMatch("30%")));
                    List<FieldValue> urls = urls(d.text());
                    if (!urls.isEmpty()) {
                        b.should(s -> s.terms(t -> t.field("url").terms(v -> v.value(urls))));
                    }
                    return b.minimumShouldMatch("1");
                }));
                searches.add(RequestItem.of(r -> r.header(h -> h.index(target))
                        .body(body -> body.query(query).size(properties.candidates())
                                .source(src -> src.filter(f -> f.includes("id", "url", "text"))))));
            }
            MsearchResponse<ObjectNode> response = client.msearch(m -> m.searches(searches), ObjectNode.class);
            for (int i = 0; i < forum.size(); i++) {
                Document d = forum.get(i);
                List<Linker.Speech> candidates = new ArrayList<>();
                MultiSearchResponseItem<ObjectNode> item = response.responses().get(i);
                if (item.isResult()) {
                    for (Hit<ObjectNode> hit : item.result().hits().hits()) {
                        // Shingled once per batch, however many comments find the same speech.
                        candidates.add(prepared.computeIfAbsent(hit.id(), id ->
                                linker.speech(id, text(hit.source(), "url"), text(hit.source(), "text"))));
                    }
                }
                List<Link> links = new ArrayList<>();
                for (Linker.Speech s : candidates) {
                    links.addAll(linker.link(d.kind(), d.text(), s));
                }
                if (!links.isEmpty()) {
                    out.put(d.id(), links);
                }
            }
        }
        timer.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
        return out;
    }

    /**
     * Links forum documents already stored to the speeches of this batch, which arrived after them: one
     * multi-search for the candidates of all the batch's speeches, one bulk update for every document that gains
     * links (a document several speeches link to is updated once, with all of them).
     */
    public void reverse(List<Document> batch) throws IOException {
        if (!properties.enabled()) {
            return;
        }
        List<Document> speeches = batch.stream()
                .filter(d -> d.kind() == DocumentKind.SPEECH && d.text() != null)
                .toList();
        if (speeches.isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        // Forum documents written up to now (this batch included) must be searchable for the speeches to find.
        client.indices().refresh(r -> r.index(target));
        List<RequestItem> searches = new ArrayList<>(speeches.size());
        for (Document speech : speeches) {
            Query query = Query.of(q -> q.bool(b -> {
                b.filter(f -> f.terms(t -> t.field("kind").terms(v -> v.value(
                        List.of(FieldValue.of("POST"), FieldValue.of("COMMENT"))))));
                b.should(sh -> sh.moreLikeThis(m -> m.fields("text").like(l -> l.text(speech.text()))
                        .minTermFreq(1).minDocFreq(1).maxQueryTerms(60).minimumShouldMatch("10%")));
                if (speech.url() != null && !speech.url().isBlank()) {
                    b.should(sh -> sh.matchPhrase(mp -> mp.field("text").query(speech.url())));
                }
                return b.minimumShouldMatch("1");
            }));
            searches.add(RequestItem.of(r -> r.header(h -> h.index(target))
                    .body(body -> body.query(query).size(REVERSE_CANDIDATES)
                            .source(src -> src.filter(f -> f.includes("id", "kind", "text", "links"))))));
        }
        MsearchResponse<ObjectNode> response = client.msearch(m -> m.searches(searches), ObjectNode.class);
        Map<String, List<Link>> before = new HashMap<>();
        Map<String, List<Link>> after = new LinkedHashMap<>();
        for (int i = 0; i < speeches.size(); i++) {
            MultiSearchResponseItem<ObjectNode> item = response.responses().get(i);
            if (!item.isResult()) {
                continue;
            }
            Document speech = speeches.get(i);
            Linker.Speech prepared = linker.speech(speech.id(), speech.url(), speech.text());
            for (Hit<ObjectNode> hit : item.result().hits().hits()) {
                ObjectNode doc = hit.source();
                before.computeIfAbsent(hit.id(), id -> existing(doc));
                List<Link> current = after.getOrDefault(hit.id(), before.get(hit.id()));
                DocumentKind kind = DocumentKind.valueOf(text(doc, "kind"));
                List<Link> merged = merge(current, speech.id(), linker.link(kind, text(doc, "text"), prepared));
                after.put(hit.id(), merged);
            }
        }
        BulkRequest.Builder bulk = new BulkRequest.Builder().index(target);
        int updates = 0;
        for (Map.Entry<String, List<Link>> e : after.entrySet()) {
            if (!e.getValue().equals(before.get(e.getKey()))) {
                List<Map<String, Object>> json = e.getValue().stream().map(LinkFinder::linkMap).toList();
                bulk.operations(op -> op.update(u -> u.id(e.getKey()).retryOnConflict(5)
                        .action(a -> a.doc(Map.of("links", json)))));
                updates++;
            }
        }
        if (updates > 0 && client.bulk(bulk.build()).errors()) {
            log.warn("Some reverse links of {} speeches were refused", speeches.size());
        }
        reverseTimer.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
    }

    /** {@code existing} without the DISCUSSES / QUOTES links to {@code target}, then {@code found} added. */
    public static List<Link> merge(List<Link> existing, String target, List<Link> found) {
        List<Link> merged = new ArrayList<>();
        for (Link l : existing == null ? List.<Link>of() : existing) {
            boolean ours = target.equals(l.targetId())
                    && (Linker.DISCUSSES.equals(l.type()) || Linker.QUOTES.equals(l.type()));
            if (!ours) {
                merged.add(l);
            }
        }
        merged.addAll(found);
        return merged;
    }

    private static List<Link> existing(ObjectNode doc) {
        List<Link> links = new ArrayList<>();
        JsonNode node = doc.get("links");
        if (node != null && node.isArray()) {
            node.forEach(l -> links.add(DocumentJson.mapper().treeToValue(l, Link.class)));
        }
        return links;
    }

    private static Map<String, Object> linkMap(Link l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", l.type());
        m.put("targetId", l.targetId());
        if (l.start() != null) {
            m.put("start", l.start());
            m.put("end", l.end());
        }
        if (l.score() != null) {
            m.put("score", l.score());
        }
        return m;
    }

    static List<FieldValue> urls(String text) {
        List<FieldValue> urls = new ArrayList<>();
        Matcher m = URL.matcher(text);
        while (m.find() && urls.size() < 20) {
            String url = m.group().replaceAll("[.,;:!?]+$", "");
            String bare = url.replaceFirst("(?i)^https?://", "");
            for (String v : List.of(url, "https://" + bare, "http://" + bare, "https://" + bare + "/",
                    "http://" + bare + "/")) {
                urls.add(FieldValue.of(v));
                urls.add(FieldValue.of(v.toLowerCase(Locale.ROOT)));
            }
        }
        return urls;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }
}
