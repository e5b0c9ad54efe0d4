package org.speechforum.bench;

/**
 * The request bodies of the previous design (index version 1, issue 18's starting point): nested aggregations
 * over every entity of every hit (type → id → name), per-day histograms with nested sums. They still run on a
 * version-2 index (the nested {@code entities} are kept), so the bench measures the old design on the same data
 * as the new one.
 */
final class OldEsQueries {

    private static final String HIT_FIELDS = "[\"id\",\"kind\",\"source\",\"url\",\"title\",\"author\",\"publishedAt\","
            + "\"publishedAtPrecision\",\"parentId\",\"thread\",\"upvotes\",\"downvotes\",\"op\"]";
    private static final String NEWEST = "{\"publishedAt\":{\"order\":\"desc\",\"missing\":\"_last\",\"unmapped_type\":\"date\"}}";
    private static final String FACETS = """
            "kinds":{"terms":{"field":"kind","size":10}},
            "sources":{"terms":{"field":"source","size":10}},
            "authors":{"terms":{"field":"author.name.keyword","size":10}},
            "handles":{"terms":{"field":"author.handle","size":10}},
            "entities":{"nested":{"path":"entities"},"aggs":{"types":{"terms":{"field":"entities.type","size":10},
              "aggs":{"ids":{"terms":{"field":"entities.id","size":10},
                "aggs":{"name":{"terms":{"field":"entities.name.keyword","size":1}}}}}}}},
            "dates":{"date_histogram":{"field":"publishedAt","calendar_interval":"month","min_doc_count":1}}""";

    private OldEsQueries() {
    }

    /** GET /api/v1/search?q= or ?entity= (first page: facets, size 20). */
    static String search(String q, String entity) {
        StringBuilder bool = new StringBuilder("{\"bool\":{");
        if (q != null) {
            bool.append("\"must\":[{\"simple_query_string\":{\"query\":").append(quote(q))
                    .append(",\"fields\":[\"title^2\",\"text\",\"author.name\"],\"default_operator\":\"and\"}}]");
        }
        if (entity != null) {
            bool.append(q != null ? "," : "").append("\"filter\":[").append(nestedEntity(entity)).append("]");
        }
        bool.append("}}");
        String sort = q != null ? "[{\"_score\":{\"order\":\"desc\"}}," + NEWEST + "]" : "[" + NEWEST + "]";
        String highlight = q == null ? "" : ",\"highlight\":{\"pre_tags\":[\"<mark>\"],\"post_tags\":[\"</mark>\"],"
                + "\"encoder\":\"html\",\"fields\":{\"text\":{\"number_of_fragments\":3,\"fragment_size\":160},"
                + "\"title\":{\"number_of_fragments\":0}}}";
        return "{\"size\":20,\"track_total_hits\":true,\"_source\":{\"includes\":" + HIT_FIELDS + "},\"query\":" + bool
                + ",\"sort\":" + sort + ",\"aggs\":{" + FACETS + "}" + highlight + "}";
    }

    /** GET /api/v1/entities/{id} (20 documents). */
    static String entityPage(String id) {
        String term = "{\"term\":{\"entities.id\":" + quote(id) + "}}";
        return "{\"size\":20,\"query\":" + nestedEntity(id)
                + ",\"_source\":{\"includes\":[\"id\",\"kind\",\"title\",\"author\",\"publishedAt\",\"source\",\"thread.rootId\"]}"
                + ",\"sort\":[{\"publishedAt\":{\"order\":\"desc\",\"missing\":\"_last\"}}],\"aggs\":{"
                + "\"self\":{\"nested\":{\"path\":\"entities\"},\"aggs\":{\"this\":{\"filter\":" + term + ",\"aggs\":{"
                + "\"ids\":" + byId(1) + ",\"names\":{\"terms\":{\"field\":\"entities.name.keyword\",\"size\":10}}}}}},"
                + "\"cooccurring\":{\"nested\":{\"path\":\"entities\"},\"aggs\":{\"others\":{\"filter\":{\"bool\":"
                + "{\"must_not\":[" + term + "]}},\"aggs\":{\"ids\":" + byId(20) + "}}}},"
                + "\"perDay\":" + perInterval("day", term) + ",\"perWeek\":" + perInterval("week", term) + "}}";
    }

    /** GET /api/v1/stats/mentions?entity={id}&interval=week (one series). */
    static String mentions(String id) {
        String term = "{\"term\":{\"entities.id\":" + quote(id) + "}}";
        return "{\"size\":0,\"query\":{\"bool\":{\"filter\":[" + nestedEntity(id) + "]}},\"aggs\":{\"buckets\":"
                + "{\"date_histogram\":{\"field\":\"publishedAt\",\"calendar_interval\":\"week\",\"min_doc_count\":1},"
                + "\"aggs\":{\"entities\":{\"nested\":{\"path\":\"entities\"},\"aggs\":{\"this\":{\"filter\":" + term
                + ",\"aggs\":{\"ids\":" + byId(1) + "}}}}}}}}";
    }

    private static String perInterval(String interval, String term) {
        return "{\"date_histogram\":{\"field\":\"publishedAt\",\"calendar_interval\":\"" + interval
                + "\",\"min_doc_count\":1},\"aggs\":{\"entities\":{\"nested\":{\"path\":\"entities\"},\"aggs\":{\"this\":"
                + "{\"filter\":" + term + ",\"aggs\":{\"mentions\":{\"sum\":{\"field\":\"entities.count\"}}}}}}}}";
    }

    private static String byId(int size) {
        return "{\"terms\":{\"field\":\"entities.id\",\"size\":" + size + "},\"aggs\":{"
                + "\"name\":{\"terms\":{\"field\":\"entities.name.keyword\",\"size\":1}},"
                + "\"type\":{\"terms\":{\"field\":\"entities.type\",\"size\":1}},"
                + "\"mentions\":{\"sum\":{\"field\":\"entities.count\"}}}}";
    }

    private static String nestedEntity(String id) {
        return "{\"nested\":{\"path\":\"entities\",\"query\":{\"term\":{\"entities.id\":" + quote(id) + "}}}}";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
