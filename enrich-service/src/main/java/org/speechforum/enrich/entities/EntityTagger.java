package org.speechforum.enrich.entities;

import org.speechforum.contracts.Author;
import org.speechforum.contracts.Entity;

import java.util.List;

/** Tags and links the entities of one normalised text. Implementations are thread-safe. */
public interface EntityTagger {

    /**
     * @param text    the normalised text that is published; every offset returned slices it
     * @param forum   forum text (posts, comments): matched case-insensitively and scanned for user handles
     * @param context names already seen in the same thread (for surname linking); {@link ThreadContext#NONE} if none
     */
    List<Entity> tag(String text, boolean forum, ThreadContext context);

    /**
     * {@link #tag} plus the people who said the document: its speakers (a transcript's, with their roles) and its
     * author where that is a named person rather than a handle. They are linked like any name and marked
     * {@link Entity#spoken()}. Implementations that cannot link names return just {@link #tag}.
     */
    default List<Entity> tag(String text, boolean forum, ThreadContext context, List<Author> speakers, Author author) {
        return tag(text, forum, context);
    }
}
