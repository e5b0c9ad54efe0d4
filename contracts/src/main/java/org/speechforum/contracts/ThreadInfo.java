package org.speechforum.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Where a document sits in its discussion: {@code path} lists ids from the root to the document itself.
 * {@code orphan} is true while the parent has not arrived (the document stays searchable meanwhile).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ThreadInfo(String rootId, String parentId, int depth, List<String> path, Boolean orphan) {

    /** A document that starts its own thread. */
    public static ThreadInfo root(String id) {
        return new ThreadInfo(id, null, 0, List.of(id), null);
    }
}
