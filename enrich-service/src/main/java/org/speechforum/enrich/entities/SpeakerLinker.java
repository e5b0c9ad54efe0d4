package org.speechforum.enrich.entities;

import org.speechforum.contracts.Author;
import org.speechforum.contracts.Entity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Makes the people who said a document entities of it, marked {@link Entity#spoken()}: a transcript's speakers
 * (ingest-service takes their header lines out of the text, so the tagger never sees "President of Russia Vladimir
 * Putin:") and a post's author when the author is a named person. Each is linked the way a tagged name is: a
 * curated alias (full name or surname) gives the curated id; else a PERSON the text already names with the same
 * name gives that entity; else the stable id {@code sf:person:<slug of the name>}. A speaker the text also mentions
 * keeps the mentions and gains {@code spoken} and {@code role}; one it never mentions is added with count 0.
 */
final class SpeakerLinker {

    /** "Vladimir Putin", "Hun Manet", "Luiz Inácio Lula da Silva": two or more words, each a capitalised name. */
    private static final Pattern PERSON_NAME = Pattern.compile(
            "\\p{Lu}[\\p{L}'’.-]+(?:\\s+(?:(?:da|de|do|dos|van|von|der|bin|al|el|la|le|di|del|du|ibn)\\s+)?\\p{Lu}[\\p{L}'’.-]+)+");
    /** Speaker labels in transcripts that are not people. */
    private static final java.util.Set<String> NOT_PEOPLE = java.util.Set.of("Question", "Response", "Reply",
            "Remark", "Voice", "Voices", "Audience", "Moderator", "Interpreter", "Participant", "Journalist");

    private final Function<String, CuratedEntity> curatedByAlias;

    /** @param curatedByAlias a curated entity by its alias in lower case, or null */
    SpeakerLinker(Function<String, CuratedEntity> curatedByAlias) {
        this.curatedByAlias = curatedByAlias;
    }

    /** The people who said the document, name → {role}, in order: speakers, then a named author. */
    Map<String, String[]> people(List<Author> speakers, Author author) {
        Map<String, String[]> people = new LinkedHashMap<>();
        if (speakers != null) {
            for (Author s : speakers) {
                if (s != null && isPersonName(s.name())) {
                    people.putIfAbsent(s.name().strip(), new String[]{s.role()});
                }
            }
        }
        if (author != null && author.handle() == null && isPersonName(author.name())) {
            people.putIfAbsent(author.name().strip(), new String[]{author.role()});
        }
        return people;
    }

    List<Entity> link(List<Entity> tagged, List<Author> speakers, Author author) {
        Map<String, String[]> people = people(speakers, author);
        if (people.isEmpty()) {
            return tagged;
        }
        List<Entity> out = new ArrayList<>(tagged);
        List<Entity> added = new ArrayList<>();
        people.forEach((name, roles) -> {
            String role = roles[0];
            String[] linked = link(name, out);
            for (int i = 0; i < out.size(); i++) {
                Entity e = out.get(i);
                if (e.id().equals(linked[0]) && e.type().equals(EntityType.PERSON.name())) {
                    out.set(i, e.asSpoken(role));
                    return;
                }
            }
            added.add(new Entity(linked[0], linked[1], EntityType.PERSON.name(), 0, null, List.of(), 1.0, true, role));
        });
        added.addAll(out);
        return added;
    }

    static boolean isPersonName(String name) {
        if (name == null) {
            return false;
        }
        String s = name.strip();
        return PERSON_NAME.matcher(s).matches() && !NOT_PEOPLE.contains(s.split("\\s+")[0]) && !s.contains("@");
    }

    /** The id and name a speaker's name links to. */
    String[] link(String name, List<Entity> tagged) {
        CuratedEntity curated = curatedByAlias.apply(name.toLowerCase(Locale.ROOT));
        if (curated == null) {
            CuratedEntity bySurname = curatedByAlias.apply(
                    name.substring(name.lastIndexOf(' ') + 1).toLowerCase(Locale.ROOT));
            curated = bySurname != null && bySurname.type() == EntityType.PERSON ? bySurname : null;
        }
        if (curated != null && curated.type() == EntityType.PERSON) {
            return new String[]{curated.id(), curated.name()};
        }
        String key = Text.slug(name);
        for (Entity e : tagged) {
            if (e.type().equals(EntityType.PERSON.name()) && Text.slug(e.name()).equals(key)) {
                return new String[]{e.id(), e.name()};
            }
        }
        return new String[]{"sf:person:" + key, name};
    }
}
