package org.speechforum.query.search;

import io.swagger.v3.oas.annotations.Parameter;

import java.util.List;

/**
 * The filters of a search as they arrive in the query string ({@code ?q=&kind=&source=&author=&entity=
 * &entityType=&from=&to=&root=&language=&speaker=}), unchecked. {@code GET /api/v1/search} and {@code GET /api/v1/export} take the
 * same ones, so a dashboard can export exactly what it shows; {@link #params} checks them in one place.
 */
public record SearchFilters(
        @Parameter(description = "simple query string: \"phrase\", -not, a | b", example = "BRICS")
        String q,
        @Parameter(description = "SPEECH, POST or COMMENT; repeatable or comma-separated", example = "SPEECH")
        List<String> kind,
        @Parameter(example = "kremlin.ru") List<String> source,
        @Parameter(description = "author name or forum handle", example = "cfgaussian") List<String> author,
        @Parameter(description = "canonical entity id; several must all be mentioned", example = "Q11256")
        List<String> entity,
        @Parameter(example = "PERSON") List<String> entityType,
        @Parameter(description = "inclusive", example = "2024-01-01") String from,
        @Parameter(description = "exclusive", example = "2025-01-01") String to,
        @Parameter(description = "thread root document id") String root,
        @Parameter(description = "ISO 639-1 code of the language enrich-service detected; repeatable or"
                + " comma-separated", example = "de") List<String> language,
        @Parameter(description = "canonical entity id of a speaker of the speech or the named author of the post:"
                + " documents this person said, not only mentioned; several must all have spoken",
                example = "Q7747") List<String> speaker) {

    /** Checked: a malformed date is a {@link BadRequest} naming the parameter. */
    public SearchParams params(String sort, int size, String cursor, String interval) {
        return new SearchParams(q, SearchParams.values(kind), SearchParams.values(source),
                SearchParams.values(author), SearchParams.values(entity), SearchParams.values(entityType),
                SearchParams.instant(from, "from"), SearchParams.instant(to, "to"), root, SearchParams.sort(sort),
                size, cursor, SearchParams.interval(interval), SearchParams.languages(language),
                SearchParams.values(speaker));
    }

    /** Only the filters, for readers that neither page nor facet (an export). */
    public SearchParams params() {
        return params(null, 1, null, null);
    }
}
