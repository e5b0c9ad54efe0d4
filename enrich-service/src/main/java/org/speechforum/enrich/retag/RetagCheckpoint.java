package org.speechforum.enrich.retag;

import java.util.Optional;

/**
 * What a re-tag stores with each committed offset (Kafka's offset metadata) so an interrupted run resumes exactly:
 * the end offset of the partition when the run first started ({@code until}: records after it arrived while the
 * run went on and the live listener enriches them) and the filter it was started with.
 */
public record RetagCheckpoint(long until, String filter) {

    private static final String PREFIX = "retag.v1 until=";

    public String encode() {
        return PREFIX + until + " filter=" + filter;
    }

    /** The checkpoint of a committed offset's metadata, or empty when it is none (another tool, or no metadata). */
    public static Optional<RetagCheckpoint> parse(String metadata) {
        if (metadata == null || !metadata.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = metadata.substring(PREFIX.length());
        int space = rest.indexOf(" filter=");
        if (space < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RetagCheckpoint(Long.parseLong(rest.substring(0, space)),
                    rest.substring(space + " filter=".length())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
