package org.speechforum.enrich.entities;

import java.util.Map;

/**
 * The people already named in a thread (a speech and the comments under it), by surname, so a comment's "Putin"
 * or a reply's "Lula" links to the full name seen upstream. Immutable.
 */
public record ThreadContext(Map<String, Known> bySurname) {

    public static final ThreadContext NONE = new ThreadContext(Map.of());

    public record Known(String id, String name, EntityType type) {
    }

    public ThreadContext {
        bySurname = Map.copyOf(bySurname);
    }
}
