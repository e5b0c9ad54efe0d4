package org.speechforum.query.search;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * A search as a dashboard asks for it, checked: every value here is safe to place in a typed query.
 *
 * @param entities canonical entity ids the documents must all mention
 * @param interval bucket of the date facet: day, week, month or year
 * @param languages ISO 639-1 codes (as enrich-service detected them) the documents must be in, any of them
 * @param speakers canonical entity ids that must all be speakers (or the named author) of the documents, not
 *                 only mentioned in them (root field {@code entityIdsSpoken}, index version 3)
 */
public record SearchParams(String q, List<String> kinds, List<String> sources, List<String> authors,
                    List<String> entities, List<String> entityTypes, Instant from, Instant to, String root,
                    Sort sort, int size, String cursor, String interval, List<String> languages,
                    List<String> speakers) {

    public SearchParams {
        languages = languages == null ? List.of() : List.copyOf(languages);
        speakers = speakers == null ? List.of() : List.copyOf(speakers);
    }

    enum Sort { RELEVANCE, NEWEST, OLDEST, REPLIES }

    static final List<String> INTERVALS = List.of("day", "week", "month", "year");

    /** Only filters, no text, for the aggregations the entity and stats endpoints run. */
    public static SearchParams filters(List<String> entities, List<String> entityTypes, Instant from, Instant to) {
        return new SearchParams(null, List.of(), List.of(), List.of(), entities, entityTypes, from, to, null,
                Sort.NEWEST, 1, null, "month", List.of(), List.of());
    }

    /**
     * A saved search's question (text and the filters of {@code GET /api/v1/search}, already split and checked),
     * for code outside this package that matches documents the way the search does (watches).
     */
    public static SearchParams matching(String q, List<String> kinds, List<String> sources, List<String> authors,
                                        List<String> entities, List<String> entityTypes, Instant from, Instant to,
                                        String root) {
        return new SearchParams(q, kinds, sources, authors, entities, entityTypes, from, to, root, Sort.RELEVANCE,
                1, null, "month", List.of(), List.of());
    }

    boolean fullText() {
        return q != null && !q.isBlank();
    }

    /** Relevance means nothing without a query; then the newest come first. */
    Sort effectiveSort() {
        return sort == Sort.RELEVANCE && !fullText() ? Sort.NEWEST : sort;
    }

    static Sort sort(String value) {
        if (value == null || value.isBlank()) {
            return Sort.RELEVANCE;
        }
        try {
            return Sort.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("sort must be one of relevance, newest, oldest, replies", "sort");
        }
    }

    public static Instant instant(String value, String parameter) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? Instant.parse(value + "T00:00:00Z") : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequest(parameter + " must be a date (2024-01-31) or an instant (2024-01-31T12:00:00Z)",
                    parameter);
        }
    }

    public static String interval(String value) {
        String interval = value == null || value.isBlank() ? "month" : value.strip().toLowerCase(Locale.ROOT);
        if (!INTERVALS.contains(interval)) {
            throw new BadRequest("interval must be one of " + String.join(", ", INTERVALS), "interval");
        }
        return interval;
    }

    /** Language codes as enrich-service stores them: lower case, the primary subtag only ({@code de-AT} is de). */
    static List<String> languages(List<String> raw) {
        return values(raw).stream()
                .map(v -> v.toLowerCase(Locale.ROOT).split("[-_]")[0])
                .peek(v -> {
                    if (!v.matches("[a-z]{2,3}")) {
                        throw new BadRequest("language must be an ISO 639-1 code such as en or de", "language");
                    }
                })
                .distinct()
                .toList();
    }

    public static List<String> values(List<String> raw) {
        return raw == null ? List.of() : raw.stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .toList();
    }
}
