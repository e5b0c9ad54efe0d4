package org.speechforum.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An entity a document mentions, linked to a canonical identity ({@code id}, a Wikidata QID where known), with
 * every mention's character span so a dashboard can highlight it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Entity(String id, String name, String type, int count, Integer firstOffset, List<Mention> mentions) {
}
