package org.speechforum.query.watch;

import org.speechforum.contracts.DocumentKind;
import org.speechforum.query.search.BadRequest;
import org.speechforum.query.search.SearchParams;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a create request ({@code {"name": …, "q": …, "filters": {…}}}) into a {@link Watch}, refusing anything
 * it would not understand: an unknown field is an error, not ignored, because a misspelt filter would silently
 * widen the watch. Filter values are split and parsed by the search's own {@link SearchParams} helpers.
 */
public final class WatchRequests {

    static final int MAX_NAME = 200;
    static final int MAX_QUERY = 2_000;
    static final int MAX_VALUES = 100;
    static final Set<String> FIELDS = Set.of("name", "q", "filters");
    static final List<String> FILTERS = List.of("kind", "source", "author", "entity", "entityType", "from", "to",
            "root");

    private WatchRequests() {
    }

    public static Watch parse(JsonNode body, String id, Instant now) {
        if (body == null || !body.isObject()) {
            throw new InvalidWatch("Send a JSON object such as {\"name\": \"BRICS in speeches\", \"q\": \"BRICS\", "
                    + "\"filters\": {\"kind\": [\"SPEECH\"]}}", null);
        }
        for (String field : names(body)) {
            if (!FIELDS.contains(field)) {
                throw new InvalidWatch("Unknown field '" + printable(field) + "'; a watch has name, q and filters",
                        printable(field));
            }
        }
        String name = text(body.get("name"), "name");
        if (name == null || name.isBlank()) {
            throw new InvalidWatch("A watch needs a name", "name");
        }
        name = name.strip();
        if (name.length() > MAX_NAME) {
            throw new InvalidWatch("The name is longer than " + MAX_NAME + " characters", "name");
        }
        String q = text(body.get("q"), "q");
        q = q == null || q.isBlank() ? null : q.strip();
        if (q != null && q.length() > MAX_QUERY) {
            throw new InvalidWatch("q is longer than " + MAX_QUERY + " characters", "q");
        }
        Watch.Filters filters = filters(body.get("filters"));
        if (q == null && filters.empty()) {
            throw new InvalidWatch("A watch needs a query (q) or at least one filter; one without would announce "
                    + "every document", "q");
        }
        return new Watch(id, name, q, filters, now);
    }

    private static Watch.Filters filters(JsonNode node) {
        if (node == null || node.isNull()) {
            return new Watch.Filters(null, null, null, null, null, null, null, null);
        }
        if (!node.isObject()) {
            throw new InvalidWatch("filters must be an object, e.g. {\"kind\": [\"SPEECH\"], \"from\": \"2024-01-01\"}",
                    "filters");
        }
        for (String field : names(node)) {
            if (!FILTERS.contains(field)) {
                throw new InvalidWatch("Unknown filter '" + printable(field) + "'; the filters are "
                        + String.join(", ", FILTERS) + " (as in GET /api/v1/search)", "filters." + printable(field));
            }
        }
        List<String> kinds = list(node.get("kind"), "kind").stream().map(k -> kind(k)).toList();
        Instant from = instant(node.get("from"), "from");
        Instant to = instant(node.get("to"), "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidWatch("filters.from must be before filters.to (to is exclusive)", "filters.to");
        }
        String root = text(node.get("root"), "filters.root");
        return new Watch.Filters(kinds, list(node.get("source"), "source"), list(node.get("author"), "author"),
                list(node.get("entity"), "entity"), list(node.get("entityType"), "entityType"), from, to,
                root == null || root.isBlank() ? null : root.strip());
    }

    private static String kind(String value) {
        try {
            return DocumentKind.valueOf(value.toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            throw new InvalidWatch("filters.kind must be one of " + Arrays.stream(DocumentKind.values())
                    .map(Enum::name).collect(Collectors.joining(", ")), "filters.kind");
        }
    }

    private static Instant instant(JsonNode node, String name) {
        String value = text(node, "filters." + name);
        try {
            return SearchParams.instant(value, name);
        } catch (BadRequest e) {
            throw new InvalidWatch("filters." + e.getMessage(), "filters." + name);
        }
    }

    /** A string or an array of strings; each is split on commas as the search's query parameters are. */
    private static List<String> list(JsonNode node, String name) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        List<String> raw = new ArrayList<>();
        if (node.isString()) {
            raw.add(node.asString());
        } else if (node.isArray()) {
            for (JsonNode value : node) {
                if (!value.isString()) {
                    throw new InvalidWatch("filters." + name + " must be a text or a list of texts", "filters." + name);
                }
                raw.add(value.asString());
            }
        } else {
            throw new InvalidWatch("filters." + name + " must be a text or a list of texts", "filters." + name);
        }
        List<String> values = SearchParams.values(raw).stream().distinct().toList();
        if (values.size() > MAX_VALUES) {
            throw new InvalidWatch("filters." + name + " has more than " + MAX_VALUES + " values", "filters." + name);
        }
        for (String v : values) {
            if (v.length() > 512) {
                throw new InvalidWatch("A value of filters." + name + " is longer than 512 characters",
                        "filters." + name);
            }
        }
        return values;
    }

    private static String text(JsonNode node, String name) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new InvalidWatch(name + " must be a text", name);
        }
        return node.asString();
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = object.propertyNames().iterator();
        it.forEachRemaining(names::add);
        return names;
    }

    /** A field name safe to repeat in an answer: plain characters only, cut short. */
    private static String printable(String field) {
        String plain = field.replaceAll("[^A-Za-z0-9_.-]", "?");
        return plain.length() > 40 ? plain.substring(0, 40) + "…" : plain;
    }
}
