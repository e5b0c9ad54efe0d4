package org.speechforum.query.index;

import org.speechforum.contracts.Document;
import org.speechforum.contracts.Entity;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The root-level keyword fields the dashboards aggregate on, computed from a document's entities when it is
 * indexed (mapping version 2), so that facets and stats count plain doc values instead of walking the nested
 * {@code entities} of every hit:
 * <ul>
 *   <li>{@code entityIds}: the distinct canonical ids the document mentions;</li>
 *   <li>{@code entityTypes}: the distinct entity types;</li>
 *   <li>{@code entityIdsByType.<TYPE>}: the ids of each type (the types of {@link Entity#type()});</li>
 *   <li>{@code entityMentions}: one {@code id:count} term per entity, the compact per-document mention count: a
 *       terms aggregation over the terms of one id gives, per count c, the documents n_c, and the mentions are
 *       the sum of c × n_c ({@link #mentions}).</li>
 *   <li>{@code entityIdsSpoken} (mapping version 3): the ids of the entities marked {@code spoken}, the speakers of a
 *       speech and the named author of a post: what this person said, as opposed to what mentions them.</li>
 * </ul>
 * The nested {@code entities} stay in the document for mention-level questions (offsets, aliases).
 */
public final class RootFields {

    /** The types that get an {@code entityIdsByType.<TYPE>} field; must match the mappings. */
    public static final List<String> TYPES = List.of("PERSON", "ORGANIZATION", "LOCATION", "EVENT", "GROUP", "USER",
            "DATE", "PERCENT", "MONEY");
    static final char SEPARATOR = ':';

    private RootFields() {
    }

    /** Writes the root fields of {@code document} into {@code json} (its indexed form). */
    public static ObjectNode write(ObjectNode json, Document document) {
        List<Entity> entities = document.entities() == null ? List.of() : document.entities();
        Set<String> ids = new LinkedHashSet<>();
        Set<String> types = new LinkedHashSet<>();
        Map<String, Set<String>> byType = new LinkedHashMap<>();
        Map<String, Integer> mentions = new LinkedHashMap<>();
        Set<String> spoken = new LinkedHashSet<>();
        for (Entity e : entities) {
            if (e.id() == null || e.id().isBlank()) {
                continue;
            }
            ids.add(e.id());
            mentions.merge(e.id(), Math.max(e.count(), 0), Integer::sum);
            if (Boolean.TRUE.equals(e.spoken())) {
                spoken.add(e.id());
            }
            if (e.type() != null) {
                String type = e.type().toUpperCase(Locale.ROOT);
                types.add(type);
                byType.computeIfAbsent(type, t -> new LinkedHashSet<>()).add(e.id());
            }
        }
        strings(json.putArray("entityIds"), ids);
        strings(json.putArray("entityTypes"), types);
        ObjectNode typed = json.putObject("entityIdsByType");
        byType.forEach((type, typeIds) -> strings(typed.putArray(type), typeIds));
        ArrayNode counts = json.putArray("entityMentions");
        mentions.forEach((id, count) -> counts.add(id + SEPARATOR + count));
        strings(json.putArray("entityIdsSpoken"), spoken);
        return json;
    }

    /**
     * The mentions behind the {@code entityMentions} terms of one id: {@code term} is {@code id:count}, the
     * bucket's document count says how many documents mention it that many times.
     */
    public static long mentions(String term, long documents) {
        int at = term.lastIndexOf(SEPARATOR);
        return at < 0 ? 0 : Long.parseLong(term.substring(at + 1)) * documents;
    }

    /** The canonical id of an {@code entityMentions} term. */
    public static String idOf(String term) {
        int at = term.lastIndexOf(SEPARATOR);
        return at < 0 ? term : term.substring(0, at);
    }

    /** A Lucene regular expression matching the {@code entityMentions} terms of {@code ids} exactly. */
    public static String mentionsPattern(List<String> ids) {
        StringBuilder regex = new StringBuilder("(");
        for (int i = 0; i < ids.size(); i++) {
            if (i > 0) {
                regex.append('|');
            }
            regex.append(literal(ids.get(i)));
        }
        return regex.append(")").append(SEPARATOR).append("[0-9]+").toString();
    }

    /** Every character that is not a letter or digit escaped, so an id is matched literally. */
    static String literal(String value) {
        StringBuilder out = new StringBuilder(value.length() * 2);
        value.codePoints().forEach(cp -> {
            if (!Character.isLetterOrDigit(cp)) {
                out.append('\\');
            }
            out.appendCodePoint(cp);
        });
        return out.toString();
    }

    private static void strings(ArrayNode array, Set<String> values) {
        values.forEach(array::add);
    }
}
