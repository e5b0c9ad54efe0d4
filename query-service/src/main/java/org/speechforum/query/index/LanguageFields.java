package org.speechforum.query.index;

import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import org.speechforum.contracts.Document;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Text in other languages than English analysed in its own language (mapping version 3): a document whose
 * detected {@code language} has an Elasticsearch language analyser here gets its text and title a second time in
 * {@code textByLanguage.<lang>} and {@code titleByLanguage.<lang>} (mapped with that analyser) and
 * {@code analyzedLanguage: <lang>}; the full-text query ({@link #fullText}) matches such a document only through
 * those fields, and every other document (English, undetected, a language without an analyser here, or indexed
 * before version 3) through {@code text} and {@code title} with the English analyser, as before. So a German text
 * is stemmed by German rules and never by English ones, and an English text never by German ones.
 *
 * <p>Only the built-in analysers are used: they need no index settings, so the fields are added in place to an
 * existing index (its older documents get them when re-projected, e.g. by {@code bin/reindex 3}).
 */
public final class LanguageFields {

    /** Language (ISO 639-1, as enrich-service detects it) → Elasticsearch analyser; must match the mappings. */
    public static final Map<String, String> ANALYSERS = orderedAnalysers();

    /** The index's own fields this class writes: not part of the document. */
    public static final List<String> INTERNAL_FIELDS = List.of("textByLanguage", "titleByLanguage",
            "analyzedLanguage");

    private LanguageFields() {
    }

    private static Map<String, String> orderedAnalysers() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("de", "german");
        m.put("fr", "french");
        m.put("es", "spanish");
        m.put("it", "italian");
        m.put("pt", "portuguese");
        m.put("nl", "dutch");
        m.put("ru", "russian");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The language a document is analysed in besides English, or null for the English fields only. */
    public static String analysedLanguage(Document document) {
        if (document.language() == null) {
            return null;
        }
        String language = document.language().strip().toLowerCase(Locale.ROOT);
        int dash = language.indexOf('-');
        language = dash > 0 ? language.substring(0, dash) : language;
        return ANALYSERS.containsKey(language) ? language : null;
    }

    /** Writes the language fields of {@code document} into {@code json} (its indexed form). */
    public static ObjectNode write(ObjectNode json, Document document) {
        String language = analysedLanguage(document);
        if (language == null) {
            return json;
        }
        json.put("analyzedLanguage", language);
        if (document.text() != null) {
            json.putObject("textByLanguage").put(language, document.text());
        }
        if (document.title() != null) {
            json.putObject("titleByLanguage").put(language, document.title());
        }
        return json;
    }

    /**
     * The full-text query of {@code q} (simple query string, AND): English fields for documents without
     * {@code analyzedLanguage}, each language's own fields for its documents; author names everywhere.
     */
    public static Query fullText(String q) {
        List<Query> should = new ArrayList<>();
        should.add(Query.of(s -> s.bool(b -> b
                .must(simple(q, "title^2", "text", "author.name"))
                .mustNot(n -> n.exists(e -> e.field("analyzedLanguage"))))));
        ANALYSERS.keySet().forEach(language -> should.add(Query.of(s -> s.bool(b -> b
                .filter(f -> f.term(t -> t.field("analyzedLanguage").value(language)))
                .must(simple(q, "titleByLanguage." + language + "^2", "textByLanguage." + language,
                        "author.name"))))));
        return Query.of(s -> s.bool(b -> b.should(should).minimumShouldMatch("1")));
    }

    private static Query simple(String q, String... fields) {
        return Query.of(m -> m.simpleQueryString(sq -> sq.query(q).fields(List.of(fields))
                .defaultOperator(Operator.And)));
    }

    /** Highlighted fragments keyed as the document's fields: {@code textByLanguage.de} is shown as {@code text}. */
    public static Map<String, List<String>> documentHighlights(Map<String, List<String>> highlight) {
        if (highlight == null || highlight.isEmpty()) {
            return highlight;
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        highlight.forEach((field, fragments) -> {
            String key = field.startsWith("textByLanguage.") ? "text"
                    : field.startsWith("titleByLanguage.") ? "title" : field;
            out.merge(key, fragments, (a, b) -> {
                List<String> both = new ArrayList<>(a);
                both.addAll(b);
                return both;
            });
        });
        return out;
    }
}
