package org.speechforum.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A typed edge to another document: {@code DISCUSSES}, {@code QUOTES} (with the quoted span) or {@code REPLIES_TO}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Link(String type, String targetId, Integer start, Integer end, Double score) {
}
