package org.speechforum.enrich.entities;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The curated entities ({@code entities/curated.yml}, reviewed data in the repo) plus every country name from the
 * JDK's own locale data (CLDR), each country linked to its Wikidata QID when the curated file maps its ISO code,
 * otherwise to {@code iso3166:XX}. Immutable once built; load it once per process.
 */
public final class Gazetteer {

    public static final String DEFAULT_RESOURCE = "/entities/curated.yml";

    /** One surface form and what it links to. */
    public record Alias(String text, CuratedEntity entity, boolean caseSensitive, boolean acronym) {
    }

    /** Country entries in the YAML: ISO 3166 alpha-2 code → QID and extra aliases. */
    public record Country(String id, List<String> aliases, List<String> caseSensitive) {
    }

    public record File(List<CuratedEntity> entities, Map<String, Country> countries) {
    }

    /** Lower-case English words that are also names: only ever matched in exact case. */
    static final Set<String> AMBIGUOUS_WORDS = Set.of("china", "turkey", "chad", "jordan", "georgia", "guinea",
            "jersey", "niger", "reunion", "west", "east", "south", "north", "union", "may", "mark", "bush", "rice",
            "brown", "green", "king", "young", "grant", "major", "church", "hope", "cook", "will", "duma",
            "kremlin", "mali", "peru", "oman", "cuba", "iran", "iraq", "togo", "fiji", "laos", "monaco", "martinique",
            "montserrat", "dominica", "guernsey", "christmas island", "norfolk island", "wallis & futuna");

    private final File file;
    private final Map<String, CuratedEntity> byId;
    private final List<Alias> aliases;

    private Gazetteer(File file, Map<String, CuratedEntity> byId, List<Alias> aliases) {
        this.file = file;
        this.byId = byId;
        this.aliases = aliases;
    }

    public static Gazetteer loadDefault() {
        try (InputStream in = Gazetteer.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is not on the classpath");
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Gazetteer load(InputStream yaml) {
        File file = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
                .readValue(yaml, File.class);
        return build(file);
    }

    /** The curated file as read, for the checks in its unit test. */
    public File file() {
        return file;
    }

    private static Gazetteer build(File file) {
        Map<String, CuratedEntity> byId = new LinkedHashMap<>();
        List<Alias> aliases = new ArrayList<>();
        for (CuratedEntity e : file.entities() == null ? List.<CuratedEntity>of() : file.entities()) {
            if (byId.putIfAbsent(e.id(), e) != null) {
                throw new IllegalStateException("Duplicate curated id " + e.id());
            }
            addAliases(aliases, e);
        }
        Map<String, Country> countries = file.countries() == null ? Map.of() : file.countries();
        for (String iso : Locale.getISOCountries()) {
            String display = Locale.of("", iso).getDisplayCountry(Locale.ENGLISH);
            List<String> names = countryNames(display);
            Country curated = countries.get(iso);
            if (names.isEmpty() && curated == null) {
                continue;
            }
            String id = curated != null && curated.id() != null ? curated.id() : "iso3166:" + iso;
            if (byId.containsKey(id)) {
                continue; // a curated entity (say, a region) already owns this id
            }
            List<String> all = new ArrayList<>(names);
            List<String> cs = new ArrayList<>();
            if (curated != null) {
                all.addAll(curated.aliases() == null ? List.of() : curated.aliases());
                cs.addAll(curated.caseSensitive() == null ? List.of() : curated.caseSensitive());
            }
            String name = all.getFirst();
            CuratedEntity e = new CuratedEntity(id, name, EntityType.LOCATION, all.subList(1, all.size()),
                    List.of(), List.of(), cs);
            byId.put(id, e);
            addAliases(aliases, e);
        }
        return new Gazetteer(file, Collections.unmodifiableMap(byId), List.copyOf(aliases));
    }

    /** CLDR names such as "Myanmar (Burma)" or "Congo - Kinshasa": keep the plain ones. */
    private static List<String> countryNames(String display) {
        List<String> names = new ArrayList<>();
        if (display.contains(" - ") || display.contains("&") || display.contains("SAR")) {
            return names;
        }
        int paren = display.indexOf(" (");
        if (paren > 0) {
            names.add(display.substring(0, paren));
            names.add(display.substring(paren + 2, display.length() - 1));
        } else {
            names.add(display);
        }
        return names;
    }

    private static void addAliases(List<Alias> out, CuratedEntity e) {
        List<String> forms = new ArrayList<>();
        forms.add(e.name());
        forms.addAll(e.aliases());
        for (String form : forms) {
            boolean cs = e.caseSensitive().contains(form) || isCaseSensitive(form);
            out.add(new Alias(form, e, cs, false));
            String folded = stripAccents(form);
            if (!folded.equals(form)) {
                out.add(new Alias(folded, e, cs, false));
            }
        }
        for (String acronym : e.acronyms()) {
            out.add(new Alias(acronym, e, true, true));
        }
    }

    static boolean isCaseSensitive(String form) {
        long letters = form.chars().filter(Character::isLetter).count();
        return letters <= 3 || form.equals(form.toUpperCase(Locale.ROOT))
                || AMBIGUOUS_WORDS.contains(form.toLowerCase(Locale.ROOT));
    }

    public static String stripAccents(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    }

    public List<Alias> aliases() {
        return aliases;
    }

    public CuratedEntity byId(String id) {
        return byId.get(id);
    }

    public Map<String, CuratedEntity> entities() {
        return byId;
    }
}
