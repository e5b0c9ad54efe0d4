package org.speechforum.ingest.uploads.thread;

import java.util.List;

/**
 * What one recogniser made of a text: its format name, the line where the thread starts (everything above is
 * the post or transcript the thread discusses), the comments in page order, whether the first of them is the
 * thread's post itself (Mastodon, Discourse: the opening status or topic post), and notes for the user on
 * what had to be guessed.
 */
public record ThreadReading(String format, int start, List<RawComment> comments, boolean firstIsPost,
                            List<String> notes) {

    public boolean isEmpty() {
        return comments.isEmpty();
    }
}
