package org.speechforum.enrich.entities;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Acronyms the text defines: "Southern Common Market (Mercosur)" or "ECOWAS (Economic Community of West African
 * States)". The long form links to its curated entity when it is one, else to whatever span the other layers found
 * for it, else becomes a new ORGANIZATION; every later use of the short form in the document links to the same id.
 */
final class AcronymRule {

    private static final Pattern LONG_THEN_SHORT = Pattern.compile(
            "((?:\\p{Lu}[\\p{L}’'\\-]*|of|and|for|the|de|on)(?:\\s+(?:\\p{Lu}[\\p{L}’'\\-]*|of|and|for|the|de|on)){1,9})"
                    + "\\s\\((\\p{Lu}[\\p{L}]{1,11})\\)");
    private static final Pattern SHORT_THEN_LONG = Pattern.compile(
            "\\b(\\p{Lu}{2,10})\\s\\(((?:\\p{Lu}[\\p{L}’'\\-]*)(?:\\s+(?:\\p{Lu}[\\p{L}’'\\-]*|of|and|for|the|de|on)){1,9})\\)");

    /**
     * "the Office of Terrorism and Financial Intelligence, or TFI, plays …": a long form, a comma, "or" and an
     * acronym in capitals that starts with the initial of one of the long form's words (so "France and Germany, or
     * EU" is none).
     */
    private static final Pattern LONG_OR_SHORT = Pattern.compile(
            "((?:\\p{Lu}[\\p{L}’'\\-]*|of|and|for|the|de|on)(?:\\s+(?:\\p{Lu}[\\p{L}’'\\-]*|of|and|for|the|de|on)){1,9})"
                    + ",\\sor\\s(\\p{Lu}{2,10})(?![\\p{L}\\p{N}])");

    private final Gazetteer gazetteer;

    AcronymRule(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    List<Candidate> apply(String text, List<Candidate> found) {
        List<Candidate> out = new ArrayList<>();
        Matcher m = LONG_THEN_SHORT.matcher(text);
        while (m.find()) {
            define(text, m.start(1), m.end(1), m.start(2), m.end(2), found, out);
        }
        m = LONG_OR_SHORT.matcher(text);
        while (m.find()) {
            String longForm = m.group(1).replaceFirst("^(?:(?:The|of|and|for|the|de|on)\\s+)+", "");
            // "Office of Terrorism and Financial Intelligence, or TFI": the acronym starts with one of the long
            // form's capitalised initials
            if (!longForm.isEmpty() && (" " + longForm).contains(" " + m.group(2).charAt(0))) {
                define(text, m.start(1), m.end(1), m.start(2), m.end(2), found, out);
            }
        }
        m = SHORT_THEN_LONG.matcher(text);
        while (m.find()) {
            define(text, m.start(2), m.end(2), m.start(1), m.end(1), found, out);
        }
        return out;
    }

    private void define(String text, int longStart, int longEnd, int shortStart, int shortEnd,
                        List<Candidate> found, List<Candidate> out) {
        // trim leading connectors and "The"
        String longForm = text.substring(longStart, longEnd);
        while (true) {
            int sp = longForm.indexOf(' ');
            String first = sp < 0 ? longForm : longForm.substring(0, sp);
            if (sp > 0 && (first.equals("The") || Character.isLowerCase(first.charAt(0)))) {
                longStart += sp + 1;
                longForm = longForm.substring(sp + 1);
            } else {
                break;
            }
        }
        String shortForm = text.substring(shortStart, shortEnd);
        if (shortForm.length() < 2 || !longForm.contains(" ")) {
            return;
        }
        EntityType type = EntityType.ORGANIZATION;
        String id = null;
        String name = longForm;
        for (Gazetteer.Alias alias : gazetteer.aliases()) {
            if (alias.text().equalsIgnoreCase(longForm) || alias.text().equals(shortForm)) {
                id = alias.entity().id();
                type = alias.entity().type();
                name = alias.entity().name();
                if (alias.text().equalsIgnoreCase(longForm)) {
                    break;
                }
            }
        }
        if (id == null) {
            for (Candidate c : found) {
                if (c.start() == longStart && c.end() == longEnd && c.id() != null) {
                    id = c.id();
                    type = c.type();
                    name = c.name();
                }
            }
        }
        if (id == null) {
            id = "sf:" + type.name().toLowerCase() + ":" + Text.slug(longForm);
        }
        out.add(new Candidate(longStart, longEnd, type, id, name, Candidate.Source.ACRONYM));
        Matcher uses = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(shortForm) + "(?![\\p{L}\\p{N}])")
                .matcher(text);
        while (uses.find()) {
            out.add(new Candidate(uses.start(), uses.end(), type, id, name, Candidate.Source.ACRONYM));
        }
    }
}
