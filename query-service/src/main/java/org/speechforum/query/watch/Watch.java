package org.speechforum.query.watch;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.speechforum.query.search.SearchParams;

import java.time.Instant;
import java.util.List;

/**
 * A saved search as it is kept on {@code watches.v1} (key = id) and answered by the API: its name, the text and
 * the filters of {@code GET /api/v1/search}, and when it was made.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Watch(String id, String name, String q, Filters filters, Instant createdAt) {

    /** The filters of the search API, by the same names; lists are already split on commas and checked. */
    public record Filters(List<String> kind, List<String> source, List<String> author, List<String> entity,
                          List<String> entityType, Instant from, Instant to, String root) {

        public Filters {
            kind = kind == null ? List.of() : List.copyOf(kind);
            source = source == null ? List.of() : List.copyOf(source);
            author = author == null ? List.of() : List.copyOf(author);
            entity = entity == null ? List.of() : List.copyOf(entity);
            entityType = entityType == null ? List.of() : List.copyOf(entityType);
        }

        boolean empty() {
            return kind.isEmpty() && source.isEmpty() && author.isEmpty() && entity.isEmpty() && entityType.isEmpty()
                    && from == null && to == null && root == null;
        }
    }

    public Watch {
        filters = filters == null ? new Filters(null, null, null, null, null, null, null, null) : filters;
    }

    /** The question as the search asks it, so a watch matches exactly what the search would find. */
    public SearchParams params() {
        return SearchParams.matching(q, filters.kind(), filters.source(), filters.author(), filters.entity(),
                filters.entityType(), filters.from(), filters.to(), filters.root());
    }
}
