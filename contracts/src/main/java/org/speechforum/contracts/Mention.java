package org.speechforum.contracts;

/** One occurrence of an entity: {@code text.substring(start, end)} of the document is exactly {@code text}. */
public record Mention(String text, int start, int end, int sentence) {
}
