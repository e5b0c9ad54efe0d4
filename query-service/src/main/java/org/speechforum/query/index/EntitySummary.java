package org.speechforum.query.index;

/** An entity with how often it is mentioned ({@code mentions}) and in how many documents. */
public record EntitySummary(String id, String name, String type, long mentions, long documents) {
}
