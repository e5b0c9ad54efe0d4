package org.speechforum.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A part of a transcript that is not speech text: a stage direction such as "(Applause.)"
 * ({@code type = STAGE_DIRECTION}) or the start of a speaker's turn ({@code type = SPEAKER}). {@code offset} is
 * the character offset in the document's {@code text} where it occurred; {@code paragraph} the 0-based
 * paragraph of the original transcript.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Annotation(String type, String text, Integer offset, Integer paragraph) {

    public static final String STAGE_DIRECTION = "STAGE_DIRECTION";
    public static final String SPEAKER = "SPEAKER";
}
