package org.speechforum.bench;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The best request bodies for each dashboard answer sent straight to Elasticsearch: the ones query-service
 * sends (SearchController + Facets, EntityController.entity, StatsController.mentions on the root-level fields of
 * index version 3). A search is a count, then two bodies, the page and the facets (sampled above twice
 * {@link QueryPart#FACET_SAMPLE} matches), sent as one {@code _msearch}; the entity
 * page is the newest documents and the cacheable figures as one {@code _msearch}, then the co-occurring entities'
 * mention counts (the requests query-service sends with a request cache are marked so here too). What this side leaves out is the
 * entity name lookup query-service answers from its cache.
 */
final class EsQueries {

    private static final String HIT_FIELDS = "[\"id\",\"kind\",\"source\",\"url\",\"title\",\"author\",\"publishedAt\","
            + "\"publishedAtPrecision\",\"language\",\"parentId\",\"thread\",\"upvotes\",\"downvotes\",\"op\"]";
    private static final String NEWEST = "{\"publishedAt\":{\"order\":\"desc\",\"missing\":\"_last\",\"unmapped_type\":\"date\"}}";
    private static final String ID = "{\"id\":{\"order\":\"asc\"}}";
    /** The languages with their own analysis (LanguageFields.ANALYSERS), in its order. */
    private static final List<String> LANGUAGES = List.of("de", "fr", "es", "it", "pt", "nl", "ru");
    private static final List<String> TYPES = List.of("PERSON", "ORGANIZATION", "LOCATION", "EVENT", "GROUP", "USER",
            "DATE", "PERCENT", "MONEY");

    private EsQueries() {
    }

    /** The first step of GET /api/v1/search: the exact count of matches, which also decides the facet sample. */
    static String count(String q, String entity) {
        return "{\"query\":" + query(q, entity) + "}";
    }

    /**
     * The second step of GET /api/v1/search?q= or ?entity= (first page, size 20) as an NDJSON {@code _msearch}: the
     * page (its total is the count), and the facets, under a {@code random_sampler} of about {@code sample}
     * documents when there are more than twice as many matches (as SearchController and FacetSample do).
     */
    static String search(String q, String entity, long matches, int sample) {
        String query = query(q, entity);
        String sort = q != null ? "[{\"_score\":{\"order\":\"desc\"}}," + NEWEST + "," + ID + "]"
                : "[" + NEWEST + "," + ID + "]";
        String highlight = q == null ? "" : ",\"highlight\":{\"pre_tags\":[\"<mark>\"],\"post_tags\":[\"</mark>\"],"
                + "\"encoder\":\"html\",\"fields\":{\"text\":{\"number_of_fragments\":3,\"fragment_size\":160},"
                + "\"title\":{\"number_of_fragments\":0},"
                + "\"textByLanguage.*\":{\"number_of_fragments\":3,\"fragment_size\":160},"
                + "\"titleByLanguage.*\":{\"number_of_fragments\":0}}}";
        String page = "{\"size\":20,\"track_total_hits\":false,\"_source\":{\"includes\":" + HIT_FIELDS
                + "},\"query\":" + query + ",\"sort\":" + sort + highlight + "}";
        StringBuilder facets = new StringBuilder(terms("kinds", "kind") + "," + terms("sources", "source") + ","
                + terms("languages", "language") + "," + terms("authors", "author.name.keyword") + ","
                + terms("handles", "author.handle") + "," + terms("types", "entityTypes"));
        for (String type : TYPES) {
            facets.append(",").append(terms("entities." + type, "entityIdsByType." + type));
        }
        facets.append(",\"dates\":{\"date_histogram\":{\"field\":\"publishedAt\",\"calendar_interval\":\"month\","
                + "\"min_doc_count\":1}}");
        String aggs = matches > 2L * sample
                ? "{\"sample\":{\"random_sampler\":{\"probability\":" + ((double) sample / matches)
                        + ",\"seed\":18},\"aggs\":{" + facets + "}}}"
                : "{" + facets + "}";
        return "{}\n" + page + "\n{\"request_cache\":true}\n{\"size\":0,\"track_total_hits\":false,\"query\":"
                + query + ",\"aggs\":" + aggs + "}\n";
    }

    /** Co-occurring entities are counted over this many of the entity's documents (EntityPageProperties). */
    static final int COOCCURRENCE_SAMPLE = 10_000;

    /**
     * GET /api/v1/entities/{id} (20 documents), the first of its two steps as an NDJSON {@code _msearch}: the
     * newest documents, and the figures as a cacheable size-0 body (weeks are added up from the days).
     */
    static String entityPage(String id) {
        String term = "{\"term\":{\"entities.id\":" + quote(id) + "}}";
        String page = "{\"size\":20,\"track_total_hits\":false,\"query\":" + rootEntity(id)
                + ",\"_source\":{\"includes\":[\"id\",\"kind\",\"title\",\"author\",\"publishedAt\","
                + "\"publishedAtPrecision\",\"source\",\"thread.rootId\"]}"
                + ",\"sort\":[{\"publishedAt\":{\"order\":\"desc\",\"missing\":\"_last\"}}]}";
        String figures = "{\"size\":0,\"query\":" + rootEntity(id) + ",\"aggs\":{"
                + "\"self\":" + mentions(List.of(id)) + ","
                + "\"aliases\":{\"sampler\":{\"shard_size\":1000},\"aggs\":{\"entities\":{\"nested\":{\"path\":"
                + "\"entities\"},\"aggs\":{\"this\":{\"filter\":" + term + ",\"aggs\":{\"names\":{\"terms\":{\"field\":"
                + "\"entities.name.keyword\",\"size\":10}}}}}}}},"
                + "\"cooccurring\":{\"sampler\":{\"shard_size\":" + COOCCURRENCE_SAMPLE + "},\"aggs\":{\"ids\":"
                + "{\"terms\":{\"field\":\"entityIds\",\"size\":20,\"exclude\":[" + quote(id) + "]}}}},"
                + "\"perDay\":" + perInterval("day", id) + "}}";
        return "{}\n" + page + "\n{\"request_cache\":true}\n" + figures + "\n";
    }

    /** The co-occurring entity ids in the answer of {@link #entityPage}. */
    static List<String> cooccurring(JsonNode msearch) {
        List<String> ids = new ArrayList<>();
        msearch.path("responses").path(1).path("aggregations").path("cooccurring").path("ids").path("buckets")
                .forEach(b -> ids.add(b.path("key").asString()));
        return ids;
    }

    /** The entity page's second body: mentions of the co-occurring entities the first one found, same sample. */
    static String cooccurringMentions(String id, List<String> others) {
        return "{\"size\":0,\"query\":" + rootEntity(id) + ",\"aggs\":{\"sample\":{\"sampler\":{\"shard_size\":"
                + COOCCURRENCE_SAMPLE + "},\"aggs\":{\"mentions\":" + mentions(others) + "}}}}";
    }

    /** GET /api/v1/stats/mentions?entity={id}&interval=week (one series). */
    static String mentions(String id) {
        return "{\"size\":0,\"query\":{\"bool\":{\"filter\":[{\"term\":{\"entityIds\":" + quote(id) + "}}]}},"
                + "\"aggs\":{\"mentions\":" + perInterval("week", id) + "}}";
    }

    private static String query(String q, String entity) {
        StringBuilder bool = new StringBuilder("{\"bool\":{");
        if (q != null) {
            bool.append("\"must\":[").append(fullText(q)).append("]");
        }
        if (entity != null) {
            bool.append(q != null ? "," : "").append("\"filter\":[{\"term\":{\"entityIds\":").append(quote(entity))
                    .append("}}]");
        }
        return bool.append("}}").toString();
    }

    /**
     * The query-service's full-text clause (LanguageFields.fullText): English fields for documents without an
     * analysed language, each analysed language's own fields for the others, so both sides answer the same.
     */
    private static String fullText(String q) {
        StringBuilder should = new StringBuilder("{\"bool\":{\"must\":[" + simple(q, "\"title^2\",\"text\",\"author.name\"")
                + "],\"must_not\":[{\"exists\":{\"field\":\"analyzedLanguage\"}}]}}");
        for (String language : LANGUAGES) {
            should.append(",{\"bool\":{\"filter\":[{\"term\":{\"analyzedLanguage\":\"").append(language)
                    .append("\"}}],\"must\":[").append(simple(q, "\"titleByLanguage." + language + "^2\",\"textByLanguage."
                            + language + "\",\"author.name\"")).append("]}}");
        }
        return "{\"bool\":{\"should\":[" + should + "],\"minimum_should_match\":\"1\"}}";
    }

    private static String simple(String q, String fields) {
        return "{\"simple_query_string\":{\"query\":" + quote(q) + ",\"fields\":[" + fields
                + "],\"default_operator\":\"and\"}}";
    }

    /** The date histogram under the entity's few {@code id:count} terms (EntityMentions.overTime). */
    private static String perInterval(String interval, String id) {
        String terms = mentions(List.of(id));
        return terms.substring(0, terms.length() - 1) + ",\"aggs\":{\"time\":{\"date_histogram\":{\"field\":"
                + "\"publishedAt\",\"calendar_interval\":\"" + interval + "\",\"min_doc_count\":1}}}}";
    }

    /** The root-level {@code entityMentions} terms ({@code id:count}) of {@code ids}. */
    private static String mentions(List<String> ids) {
        StringBuilder regex = new StringBuilder("(");
        for (int i = 0; i < ids.size(); i++) {
            regex.append(i > 0 ? "|" : "").append(ids.get(i).replaceAll("([^\\p{L}\\p{N}])", "\\\\$1"));
        }
        regex.append("):[0-9]+");
        return "{\"terms\":{\"field\":\"entityMentions\",\"include\":" + quote(regex.toString()) + ",\"size\":"
                + 200 * ids.size() + "}}";
    }

    private static String rootEntity(String id) {
        return "{\"bool\":{\"filter\":[{\"term\":{\"entityIds\":" + quote(id) + "}}]}}";
    }

    private static String terms(String name, String field) {
        return "\"" + name + "\":{\"terms\":{\"field\":\"" + field + "\",\"size\":10}}";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
