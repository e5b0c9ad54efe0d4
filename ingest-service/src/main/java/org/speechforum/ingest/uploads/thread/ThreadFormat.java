package org.speechforum.ingest.uploads.thread;

/**
 * A recogniser for threads copied from one forum front-end. {@link #read} returns an empty reading when the
 * text holds none of the front-end's comment headers; the upload parser keeps the reading with most
 * comments (ties go to the more specific recogniser, listed first in {@link ThreadFormats}).
 */
public interface ThreadFormat {

    /** The name users pass as {@code format=} and the upload answer reports. */
    String name();

    ThreadReading read(String[] lines);

    /** At least this many comments before the reading counts as this format when nobody forced it. */
    default int minimumComments() {
        return 1;
    }
}
