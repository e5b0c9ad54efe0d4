package org.speechforum.query.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;

import java.util.List;
import java.util.Locale;

/** Turns checked search parameters into one typed Elasticsearch query; shared by search, entities and stats. */
public final class DocumentQueries {

    private DocumentQueries() {
    }

    /** The bool query of a search: text in {@code must}, every filter in {@code filter} (no scoring). */
    public static Query of(SearchParams p) {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        if (p.fullText()) {
            bool.must(m -> m.simpleQueryString(sq -> sq
                    .query(p.q())
                    .fields("title^2", "text", "author.name")
                    .defaultOperator(Operator.And)));
        }
        if (!p.kinds().isEmpty()) {
            bool.filter(terms("kind", p.kinds().stream().map(k -> k.toUpperCase(Locale.ROOT)).toList()));
        }
        if (!p.sources().isEmpty()) {
            bool.filter(terms("source", p.sources()));
        }
        if (!p.languages().isEmpty()) {
            bool.filter(terms("language", p.languages()));
        }
        if (!p.authors().isEmpty()) {
            bool.filter(f -> f.bool(b -> b
                    .should(terms("author.handle", p.authors()))
                    .should(terms("author.name.keyword", p.authors()))
                    .minimumShouldMatch("1")));
        }
        for (String entity : p.entities()) {
            bool.filter(f -> f.term(t -> t.field("entityIds").value(entity)));
        }
        for (String speaker : p.speakers()) {
            bool.filter(f -> f.term(t -> t.field("entityIdsSpoken").value(speaker)));
        }
        if (!p.entityTypes().isEmpty()) {
            bool.filter(terms("entityTypes", p.entityTypes()));
        }
        if (p.from() != null || p.to() != null) {
            bool.filter(f -> f.range(r -> r.date(d -> {
                d.field("publishedAt");
                if (p.from() != null) {
                    d.gte(p.from().toString());
                }
                if (p.to() != null) {
                    d.lt(p.to().toString());
                }
                return d;
            })));
        }
        if (p.root() != null && !p.root().isBlank()) {
            bool.filter(f -> f.term(t -> t.field("thread.rootId").value(p.root())));
        }
        return Query.of(q -> q.bool(bool.build()));
    }

    private static Query terms(String field, List<String> values) {
        return Query.of(q -> q.terms(t -> t.field(field)
                .terms(v -> v.value(values.stream().map(FieldValue::of).toList()))));
    }

}
