package org.speechforum.enrich.entities;

import java.util.List;

/**
 * One reviewed entry of {@code entities/curated.yml}: a canonical id (Wikidata QID where known for sure, otherwise
 * a stable {@code sf:} slug), the display name, the type, and every surface form that links to it.
 *
 * @param aliases       other names ("Putin", "Simon Bolivar"); matched case-insensitively unless ambiguous
 * @param acronyms      abbreviations ("NATO", "EU"); always matched in exact case
 * @param titles        offices the entity is referred to with, e.g. "President of Russia"; metadata for the title
 *                      rule, never linked on their own (who holds an office changes)
 * @param caseSensitive aliases that are ordinary English words in lower case ("Chad", "the West")
 */
public record CuratedEntity(String id, String name, EntityType type, List<String> aliases, List<String> acronyms,
                            List<String> titles, List<String> caseSensitive) {

    public CuratedEntity {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        acronyms = acronyms == null ? List.of() : List.copyOf(acronyms);
        titles = titles == null ? List.of() : List.copyOf(titles);
        caseSensitive = caseSensitive == null ? List.of() : List.copyOf(caseSensitive);
    }
}
