package org.speechforum.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A part of a transcript that is not speech text: a stage direction such as "(Applause.)"
 * ({@code type = STAGE_DIRECTION}), the start of a speaker's turn ({@code type = SPEAKER}), an elision
 * {@code <…>} where the source left text out ({@code ELISION}) or a photo caption a page copy carried into
 * the text ({@code CAPTION}). {@code offset} is
 * the character offset in the document's {@code text} where it occurred; {@code paragraph} the 0-based
 * paragraph of the original transcript.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Annotation(String type, String text, Integer offset, Integer paragraph) {

    public static final String STAGE_DIRECTION = "STAGE_DIRECTION";
    public static final String SPEAKER = "SPEAKER";
    public static final String ELISION = "ELISION";
    public static final String CAPTION = "CAPTION";
}
