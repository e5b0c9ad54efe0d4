package org.speechforum.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An entity a document mentions, linked to a canonical identity ({@code id}, a Wikidata QID where known), with
 * every mention's character span so a dashboard can highlight it.
 *
 * <p>{@code type} is one of PERSON, ORGANIZATION, LOCATION, EVENT, GROUP, USER, DATE, PERCENT, MONEY (see
 * docs/entities.md). {@code salience} (added after v1's first release, null on older documents) ranks the
 * entities of one document in 0..1 from how often and how early they are mentioned.
 *
 * <p>Added later (v1, additions only; null when they do not apply): {@code spoken} is true when the entity is a
 * speaker of the speech or the named author of the post, i.e. the document is something this person said, not only
 * mentioned; {@code role} is the speaker's role as the transcript gives it ("President of Russia"). A speaker who
 * is never named in the text itself has {@code count} 0 and no mentions.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Entity(String id, String name, String type, int count, Integer firstOffset, List<Mention> mentions,
                     Double salience, Boolean spoken, String role) {

    /** The v1 shape, without salience. */
    public Entity(String id, String name, String type, int count, Integer firstOffset, List<Mention> mentions) {
        this(id, name, type, count, firstOffset, mentions, null, null, null);
    }

    /** A mentioned entity with its salience. */
    public Entity(String id, String name, String type, int count, Integer firstOffset, List<Mention> mentions,
                  Double salience) {
        this(id, name, type, count, firstOffset, mentions, salience, null, null);
    }

    /** This entity as a speaker or author of its document: {@code spoken} true, with {@code role} if known. */
    public Entity asSpoken(String role) {
        return new Entity(id, name, type, count, firstOffset, mentions, salience, true, role);
    }
}
