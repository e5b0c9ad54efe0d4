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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Entity(String id, String name, String type, int count, Integer firstOffset, List<Mention> mentions,
                     Double salience) {

    /** The v1 shape, without salience. */
    public Entity(String id, String name, String type, int count, Integer firstOffset, List<Mention> mentions) {
        this(id, name, type, count, firstOffset, mentions, null);
    }
}
