package org.speechforum.enrich.entities;

/**
 * One proposed mention: {@code [start, end)} in the normalised text, with its type, canonical id and name when a
 * layer could link it. Layers propose; {@link EntityPipeline} merges.
 */
public record Candidate(int start, int end, EntityType type, String id, String name, Source source) {

    /** Which layer proposed a span; when spans cross, the higher priority wins. */
    public enum Source {
        STATISTICAL(40), GEONAMES(45), PATTERN(50), SURNAME(60), ACRONYM(70), CURATED(80), HANDLE(100);

        final int priority;

        Source(int priority) {
            this.priority = priority;
        }
    }

    public Candidate {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("Empty or negative span " + start + ".." + end);
        }
    }

    public int length() {
        return end - start;
    }

    public boolean overlaps(Candidate o) {
        return start < o.end && o.start < end;
    }

    public boolean contains(Candidate o) {
        return start <= o.start && o.end <= end && length() > o.length();
    }
}
