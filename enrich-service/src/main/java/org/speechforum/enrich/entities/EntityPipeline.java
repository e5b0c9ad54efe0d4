package org.speechforum.enrich.entities;

import org.speechforum.contracts.Author;
import org.speechforum.contracts.Entity;
import org.speechforum.contracts.Mention;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tagging pipeline: segment, let every layer propose spans, merge, link, propagate surnames, and group the
 * mentions into entities with salience. Build it once per process ({@link #createDefault()} loads the OpenNLP
 * models, the gazetteer and the NLP4J model); {@link #tag} is thread-safe.
 *
 * <p>Merge rule: a span wholly inside a longer span of another layer gives way ("Russia" inside the conference's
 * name), unless the longer span comes from the statistical model and the shorter one is curated; where spans
 * cross, the layer with the higher priority wins (handle, curated, acronym, surname, pattern, statistical).
 */
public final class EntityPipeline implements EntityTagger {

    private final Segmenter segmenter;
    private final Gazetteer gazetteer;
    private final List<Recogniser> recognisers;
    private final AcronymRule acronyms;
    private final ContextLinker contextLinker;
    private final Map<String, CuratedEntity> aliasIndex = new HashMap<>();
    private final SpeakerLinker speakerLinker = new SpeakerLinker(aliasIndex::get);

    public EntityPipeline(Segmenter segmenter, Gazetteer gazetteer, List<Recogniser> extraRecognisers) {
        this.segmenter = segmenter;
        this.gazetteer = gazetteer;
        List<Recogniser> layers = new ArrayList<>();
        layers.add(new HandleRecogniser());
        layers.add(new GazetteerRecogniser(gazetteer));
        layers.add(new PatternRecogniser());
        layers.addAll(extraRecognisers);
        this.recognisers = List.copyOf(layers);
        this.acronyms = new AcronymRule(gazetteer);
        this.contextLinker = new ContextLinker(gazetteer);
        for (Gazetteer.Alias alias : gazetteer.aliases()) {
            aliasIndex.putIfAbsent(aliasKey(alias.text()), alias.entity());
        }
    }

    /**
     * The configuration users run (enrich-service's default): the rule layers plus the statistical one proposing the
     * name types. Loads the NLP4J model on first use in the JVM (about 30 s, 1.5 GB), then shares it.
     */
    public static EntityPipeline createDefault() {
        return createWithStatistical(StatisticalRecogniser.NAME_TYPES);
    }

    /**
     * The light configuration: OpenNLP models + curated gazetteer + JDK country names, no statistical layer (under a
     * second, a few MB). For tests of pipeline mechanics and {@code enrich.entities.statistical.enabled=false}.
     */
    public static EntityPipeline createRulesOnly() {
        return new EntityPipeline(new Segmenter(), Gazetteer.loadDefault(), List.of());
    }

    /** The rule layers plus the statistical one proposing {@code statisticalTypes} (the model is shared per JVM). */
    public static EntityPipeline createWithStatistical(java.util.Set<EntityType> statisticalTypes) {
        return createWithStatistical(statisticalTypes, StatisticalRecogniser.Sentences.UNCOVERED_CAPITALISED);
    }

    /** As {@link #createWithStatistical(java.util.Set)}, the model reading {@code sentences}. */
    public static EntityPipeline createWithStatistical(java.util.Set<EntityType> statisticalTypes,
                                                       StatisticalRecogniser.Sentences sentences) {
        // The model loads on its own threads while the OpenNLP models and the gazetteer load here.
        org.speechforum.nlp4j.Nlp4jRecogniser.preload();
        Segmenter segmenter = new Segmenter();
        Gazetteer gazetteer = Gazetteer.loadDefault();
        return new EntityPipeline(segmenter, gazetteer,
                List.of(StatisticalRecogniser.load(statisticalTypes).reading(sentences)));
    }

    /** The statistical layer of this pipeline, if it has one. */
    public java.util.Optional<StatisticalRecogniser> statistical() {
        return recognisers.stream().filter(StatisticalRecogniser.class::isInstance)
                .map(StatisticalRecogniser.class::cast).findFirst();
    }

    public Gazetteer gazetteer() {
        return gazetteer;
    }

    public Segmenter segmenter() {
        return segmenter;
    }

    @Override
    public List<Entity> tag(String text, boolean forum, ThreadContext context) {
        return tagAnalysed(segmenter.analyse(text, forum), context);
    }

    @Override
    public List<Entity> tag(String text, boolean forum, ThreadContext context, List<Author> speakers,
                            Author author) {
        // The speakers' surnames link like names seen upstream: "Ms Matviyenko" is the speaker Valentina Matviyenko.
        Map<String, ThreadContext.Known> known = new LinkedHashMap<>(context.bySurname());
        for (Map.Entry<String, String[]> speaker : speakerLinker.people(speakers, author).entrySet()) {
            String[] linked = speakerLinker.link(speaker.getKey(), List.of());
            if (linked[1].contains(" ")) {
                known.putIfAbsent(linked[1].substring(linked[1].lastIndexOf(' ') + 1),
                        new ThreadContext.Known(linked[0], linked[1], EntityType.PERSON));
            }
        }
        return speakerLinker.link(tag(text, forum, new ThreadContext(known)), speakers, author);
    }

    public List<Entity> tagAnalysed(AnalysedText at, ThreadContext context) {
        String text = at.text();
        List<Candidate> all = new ArrayList<>();
        for (Recogniser r : recognisers) {
            // The model reads only the sentences the lists and rules leave a capitalised word uncovered in.
            all.addAll(r instanceof StatisticalRecogniser model ? model.recognise(at, all) : r.recognise(at));
        }
        all = splitPersonTails(text, trimAndLink(text, all));
        all.addAll(acronyms.apply(text, all));
        List<Candidate> kept = dropBlocked(text, resolve(all));
        List<Candidate> surnames = surnames(at, kept, context);
        if (!surnames.isEmpty()) {
            kept.addAll(surnames);
            kept = resolve(kept);
        }
        java.util.Set<String> contextIds = new java.util.HashSet<>();
        context.bySurname().values().forEach(k -> contextIds.add(k.id()));
        kept = contextLinker.apply(text, kept, contextIds);
        // after the context links: "the Council" takes the id the Security Council of Russia got there
        kept = foldShortForms(text, kept);
        kept = dropUnsupportedModelOrganisations(text, kept);
        kept = foldCapitalSpeakerLabels(text, kept);
        kept = dropHeadingPeople(text, kept);
        return entities(at, kept);
    }

    /**
     * Repair rule and model spans ({@link SpanRepair}: split at "/", trim "the", a possessive 's and a sentence's
     * final full stop, drop pronouns, chat abbreviations and a title's portfolio word), then link those whose text is
     * a curated alias.
     */
    private List<Candidate> trimAndLink(String text, List<Candidate> in) {
        List<Candidate> out = new ArrayList<>(in.size());
        for (Candidate c : in) {
            if (c.source() != Candidate.Source.PATTERN && c.source() != Candidate.Source.STATISTICAL) {
                out.add(c);
                continue;
            }
            boolean split = c.type() != EntityType.DATE && c.type() != EntityType.MONEY
                    && c.type() != EntityType.PERCENT;
            for (int[] part : split ? SpanRepair.splitSlashes(text, c.start(), c.end())
                    : List.of(new int[]{c.start(), c.end()})) {
                Candidate repaired = repairAndLink(text, c, part[0], part[1]);
                if (repaired != null) {
                    out.add(repaired);
                }
            }
        }
        return out;
    }

    /**
     * A model or rule span of another type that ends in a person a layer found loses that person: "Ministry of
     * Foreign Affairs Sergei Lavrov" is the ministry and Lavrov, not one organisation (the head-noun rule reads on
     * through capitalised words after "of"; the model does the same after long titles). What is left before
     * the person goes through the same repair (and is dropped if it is only a title's portfolio).
     */
    private List<Candidate> splitPersonTails(String text, List<Candidate> in) {
        List<Candidate> people = null;
        for (Candidate c : in) {
            if (c.type() == EntityType.PERSON) {
                (people == null ? people = new ArrayList<>() : people).add(c);
            }
        }
        if (people == null) {
            return in;
        }
        List<Candidate> out = new ArrayList<>(in.size());
        for (Candidate c : in) {
            Candidate kept = c;
            if ((c.source() == Candidate.Source.STATISTICAL || c.source() == Candidate.Source.PATTERN)
                    && c.type() != EntityType.PERSON) {
                int personStart = -1; // the longest person ending where the span ends: "Sergei Lavrov", not "Lavrov"
                for (Candidate p : people) {
                    if (p.end() == c.end() && p.start() > c.start() && (personStart < 0 || p.start() < personStart)) {
                        personStart = p.start();
                    }
                }
                if (personStart >= 0) {
                    int end = personStart;
                    while (end > c.start() && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == ',')) {
                        end--;
                    }
                    kept = end > c.start() ? repairAndLink(text, c, c.start(), end) : null;
                }
            }
            if (kept != null) {
                out.add(kept);
            }
        }
        return out;
    }

    private Candidate repairAndLink(String text, Candidate c, int start, int end) {
        end = SpanRepair.cutAtLineBreak(text, start, end);
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (c.type() == EntityType.PERSON || c.type() == EntityType.ORGANIZATION
                || c.type() == EntityType.LOCATION) {
            int[] trimmed = SpanRepair.trimPunctuation(text, start, end);
            start = trimmed[0];
            end = trimmed[1];
        }
        if (c.type() == EntityType.PERSON) {
            end = SpanRepair.cutAtInnerPossessive(text, start, end);
        }
        if (end <= start) {
            return null;
        }
        String s = text.substring(start, end);
        if (s.startsWith("the ") || s.startsWith("The ")) {
            start += 4;
        }
        if (s.endsWith("'s") || s.endsWith("’s")) {
            end -= 2;
        }
        if (end > start && c.type() != EntityType.DATE && c.type() != EntityType.MONEY) {
            end = SpanRepair.extendDottedAbbreviation(text, start, end);
            end = SpanRepair.trimFinalStop(text, start, end);
        }
        if (end > start) {
            end = SpanRepair.cutMemberOf(text, start, end, c.type());
        }
        if (end > start && c.type() == EntityType.PERSON) {
            start = SpanRepair.trimLeadingTitles(text, start, end);
        }
        if (end > start) {
            end = SpanRepair.trimTrailingMonth(text, start, end, c.type());
        }
        if (end <= start || SpanRepair.isDocumentOrProgramme(text, start, end, c.type())
                || c.type() == EntityType.PERSON && SpanRepair.isPluralAcronym(text.substring(start, end))) {
            return null;
        }
        String surface = text.substring(start, end);
        if (SpanRepair.isNoise(surface) || SpanRepair.isTitleWord(surface)
                || SpanRepair.isPortfolioBeforeTitle(text, start, end, c.type())
                || SpanRepair.isPortfolioAfterTitle(text, start, end, c.type())) {
            return null;
        }
        String id = c.id();
        String name = surface;
        EntityType type = c.type();
        CuratedEntity curated = aliasIndex.get(aliasKey(surface));
        if (curated == null && type == EntityType.PERSON && surface.contains(" ")) {
            CuratedEntity bySurname = aliasIndex.get(surface.substring(surface.lastIndexOf(' ') + 1)
                    .toLowerCase(Locale.ROOT));
            if (bySurname != null && bySurname.type() == EntityType.PERSON) {
                curated = bySurname;
            }
        }
        if (curated != null && (curated.type() == type || type == EntityType.PERSON)) {
            id = curated.id();
            name = curated.name();
            type = curated.type();
        }
        return new Candidate(start, end, type, id, name, c.source());
    }

    /** Lower case, typographic apostrophe as straight: "Russia’s Security Council" finds "Russia's …". */
    static String aliasKey(String surface) {
        return surface.toLowerCase(Locale.ROOT).replace('’', '\'');
    }

    /** The merge rule (see class comment). */
    static List<Candidate> resolve(List<Candidate> in) {
        List<Candidate> byStart = new ArrayList<>(in);
        byStart.sort(Comparator.comparingInt(Candidate::start).thenComparing(Candidate::length, Comparator.reverseOrder()));
        List<Candidate> survivors = new ArrayList<>(byStart.size());
        List<Candidate> open = new ArrayList<>();
        for (Candidate c : byStart) {
            open.removeIf(o -> o.end() <= c.start());
            boolean inside = false;
            for (Candidate o : open) {
                // A list, handle or acronym span inside a longer model span wins over it (the crossing pass below
                // drops the model's span). A rule's span of the same type inside the model's gives way: the model
                // read the whole name ("Foreign Intelligence Service", where the rule took "Foreign" for a title).
                // A surname match inside the very name it was derived from gives way too.
                // A GeoNames city inside a longer model span gives way too ("Hassan" in a person's name).
                if (o.contains(c) && !(o.source() == Candidate.Source.STATISTICAL
                        && c.source().priority > o.source().priority && c.source() != Candidate.Source.SURNAME
                        && c.source() != Candidate.Source.GEONAMES
                        && !(c.source() == Candidate.Source.PATTERN && c.type() == o.type()))) {
                    inside = true;
                    break;
                }
            }
            if (!inside) {
                survivors.add(c);
            }
            open.add(c);
        }
        survivors.sort(Comparator.comparingInt((Candidate c) -> -c.source().priority)
                .thenComparing(Candidate::length, Comparator.reverseOrder())
                .thenComparingInt(Candidate::start));
        List<Candidate> accepted = new ArrayList<>();
        java.util.TreeMap<Integer, Candidate> byPos = new java.util.TreeMap<>();
        for (Candidate c : survivors) {
            Map.Entry<Integer, Candidate> before = byPos.floorEntry(c.start());
            Map.Entry<Integer, Candidate> after = byPos.ceilingEntry(c.start());
            if ((before != null && before.getValue().overlaps(c)) || (after != null && after.getValue().overlaps(c))) {
                continue;
            }
            byPos.put(c.start(), c);
            accepted.add(c);
        }
        accepted.sort(Comparator.comparingInt(Candidate::start));
        return accepted;
    }

    private static List<Candidate> dropBlocked(String text, List<Candidate> in) {
        List<int[]> urls = HandleRecogniser.urls(text);
        if (urls.isEmpty()) {
            return in;
        }
        List<Candidate> out = new ArrayList<>(in.size());
        for (Candidate c : in) {
            boolean blocked = false;
            for (int[] u : urls) {
                blocked |= c.start() < u[1] && u[0] < c.end() && c.type() != EntityType.USER;
            }
            if (!blocked) {
                out.add(c);
            }
        }
        return out;
    }

    /** A lone surname links to the full name seen earlier in the document or its thread. */
    private List<Candidate> surnames(AnalysedText at, List<Candidate> kept, ThreadContext context) {
        Map<String, ThreadContext.Known> known = new LinkedHashMap<>(context.bySurname());
        for (Candidate c : kept) {
            if (c.type() == EntityType.PERSON && c.name() != null && c.name().contains(" ")) {
                String surname = c.name().substring(c.name().lastIndexOf(' ') + 1);
                ThreadContext.Known k = new ThreadContext.Known(id(c), c.name(), c.type());
                known.put(surname, k);
                // Family name first ("Xi Jinping" → "Xi", "Kim Jong Un" → "Kim"): a short first word links too.
                String first = c.name().substring(0, c.name().indexOf(' '));
                if (first.length() <= 3 && first.chars().allMatch(Character::isLetter)) {
                    known.putIfAbsent(first, k);
                }
            }
        }
        List<Candidate> out = new ArrayList<>();
        String text = at.text();
        // One pass over the text's words instead of one regex per known surname: a thread's context can hold
        // hundreds of names, and the model adds every full name it finds. A surname of letters and digits only
        // matches exactly a maximal run of letters and digits (not after "@"); any other surname keeps its regex.
        Map<String, List<ThreadContext.Known>> exact = new HashMap<>();
        Map<String, List<ThreadContext.Known>> anyCase = new HashMap<>();
        for (Map.Entry<String, ThreadContext.Known> e : known.entrySet()) {
            String surname = e.getKey();
            if (surname.length() < 2 || !Text.isCapitalised(surname)) {
                continue;
            }
            // Short surnames ("Xi", "Li") only in exact case, even in forum text.
            boolean ignoreCase = at.forum() && surname.length() > 3;
            if (!surname.chars().allMatch(EntityPipeline::isLetterOrNumber)) {
                Pattern p = Pattern.compile("(?<![\\p{L}\\p{N}@])" + Pattern.quote(surname) + "(?![\\p{L}\\p{N}])",
                        ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
                Matcher m = p.matcher(text);
                while (m.find()) {
                    ThreadContext.Known k = e.getValue();
                    out.add(new Candidate(m.start(), m.end(), k.type(), k.id(), k.name(), Candidate.Source.SURNAME));
                }
            } else if (ignoreCase) {
                anyCase.computeIfAbsent(surname.toLowerCase(Locale.ROOT), x -> new ArrayList<>(1)).add(e.getValue());
            } else {
                exact.computeIfAbsent(surname, x -> new ArrayList<>(1)).add(e.getValue());
            }
        }
        if (!exact.isEmpty() || !anyCase.isEmpty()) {
            int n = text.length();
            int i = 0;
            while (i < n) {
                if (!isLetterOrNumber(text.charAt(i))) {
                    i++;
                    continue;
                }
                int start = i;
                while (i < n && isLetterOrNumber(text.charAt(i))) {
                    i++;
                }
                if (start > 0 && text.charAt(start - 1) == '@' || i - start < 2) {
                    continue;
                }
                String word = text.substring(start, i);
                List<ThreadContext.Known> hits = exact.get(word);
                if (hits != null) {
                    for (ThreadContext.Known k : hits) {
                        out.add(new Candidate(start, i, k.type(), k.id(), k.name(), Candidate.Source.SURNAME));
                    }
                }
                if (!anyCase.isEmpty()) {
                    hits = anyCase.get(word.toLowerCase(Locale.ROOT));
                    if (hits != null) {
                        for (ThreadContext.Known k : hits) {
                            out.add(new Candidate(start, i, k.type(), k.id(), k.name(), Candidate.Source.SURNAME));
                        }
                    }
                }
            }
        }
        // "Hun" + "Manet" matched apart in "Hun Manet": one mention of the full name.
        out.sort(Comparator.comparingInt(Candidate::start));
        List<Candidate> merged = new ArrayList<>(out.size());
        for (Candidate c : out) {
            Candidate last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && c.id().equals(last.id()) && c.start() == last.end() + 1
                    && text.charAt(last.end()) == ' ') {
                merged.set(merged.size() - 1, new Candidate(last.start(), c.end(), c.type(), c.id(), c.name(),
                        Candidate.Source.SURNAME));
            } else {
                merged.add(c);
            }
        }
        return merged;
    }

    /** Common nouns of institutions that name no organisation alone ({@code generic-organization-words.txt}). */
    private static final java.util.Set<String> GENERIC_ORGANIZATION_WORDS =
            WordLists.load("generic-organization-words");

    /**
     * Short forms a layer proposed apart from the longer name of the same document they stand for, folded into it.
     * A rule or model span that is one generic institution word ("Parliament", "College", "Council", "Union" as an
     * organisation or a place) becomes a mention of the first longer organisation of the document that starts or
     * ends with that word ("European Parliament", "College of Commissioners", "European Union"), and is dropped when
     * there is none ("the Government", "the Committee", "the Department"). A one-word person span with no link of
     * its own that is, in capitals or without its Arabic article, the surname of a full name of the document
     * ("BLINKEN" of a transcript's speaker label, "Abadi" of "Haider al-Abadi") becomes a mention of that person.
     */
    static List<Candidate> foldShortForms(String text, List<Candidate> kept) {
        List<Candidate> longOrganisations = new ArrayList<>();
        Map<String, Candidate> bySurname = new HashMap<>();
        for (Candidate c : kept) {
            String surface = text.substring(c.start(), c.end());
            if (surface.indexOf(' ') < 0) {
                continue;
            }
            if (c.type() == EntityType.ORGANIZATION) {
                longOrganisations.add(c);
            } else if (c.type() == EntityType.PERSON && c.name() != null && c.name().contains(" ")) {
                String surname = c.name().substring(c.name().lastIndexOf(' ') + 1);
                bySurname.putIfAbsent(surname.toUpperCase(Locale.ROOT), c);
                int dash = surname.indexOf('-');
                if (dash > 0 && List.of("al", "el", "Al", "El", "ad", "as", "ash", "az").contains(
                        surname.substring(0, dash)) && dash + 2 < surname.length()) {
                    bySurname.putIfAbsent(surname.substring(dash + 1).toUpperCase(Locale.ROOT), c);
                }
            }
        }
        java.util.Set<String> givenNames = new java.util.HashSet<>();
        for (Candidate c : kept) {
            String surface = text.substring(c.start(), c.end());
            int sp = surface.indexOf(' ');
            if (c.type() == EntityType.PERSON && sp >= 3) {
                givenNames.add(surface.substring(0, sp));
            }
        }
        List<Candidate> out = new ArrayList<>(kept.size());
        for (int i = 0; i < kept.size(); i++) {
            Candidate c = kept.get(i);
            int nameAt = c.source() == Candidate.Source.STATISTICAL ? gluedNameStart(text, c, givenNames) : -1;
            if (nameAt > 0) {
                // "… Ecology and Transport Sergei Ivanov", "the Kalmykia Alexander Orlov": the person only
                c = new Candidate(nameAt, c.end(), EntityType.PERSON, null, text.substring(nameAt, c.end()),
                        c.source());
            }
            Candidate next = i + 1 < kept.size() ? kept.get(i + 1) : null;
            if (isBuildingAsPlace(text, c, next)) {
                out.add(new Candidate(c.start(), c.end(), EntityType.LOCATION,
                        "sf:location:" + Text.slug(text.substring(c.start(), c.end())),
                        text.substring(c.start(), c.end()), c.source()));
                continue;
            }
            boolean ruleOrModel = c.source() == Candidate.Source.STATISTICAL || c.source() == Candidate.Source.PATTERN;
            String surface = text.substring(c.start(), c.end());
            if (ruleOrModel && (c.type() == EntityType.ORGANIZATION || c.type() == EntityType.LOCATION)
                    && GENERIC_ORGANIZATION_WORDS.contains(surface)) {
                Candidate whole = null;
                for (Candidate o : longOrganisations) {
                    String long_ = text.substring(o.start(), o.end());
                    if (long_.startsWith(surface + " ") || long_.endsWith(" " + surface)) {
                        whole = o;
                        break;
                    }
                }
                if (whole != null) {
                    out.add(new Candidate(c.start(), c.end(), whole.type(), id(whole),
                            whole.name() != null ? whole.name() : text.substring(whole.start(), whole.end()),
                            c.source()));
                }
                continue;
            }
            if (ruleOrModel && c.type() == EntityType.PERSON && surface.indexOf(' ') < 0
                    && (c.id() == null || c.id().startsWith("sf:"))) {
                Candidate full = bySurname.get(surface.toUpperCase(Locale.ROOT));
                boolean capitals = surface.equals(surface.toUpperCase(Locale.ROOT)) && surface.length() > 2;
                if (full != null && full.name() != null
                        && (capitals || !full.name().endsWith(" " + surface))) {
                    out.add(new Candidate(c.start(), c.end(), full.type(), id(full), full.name(), c.source()));
                    continue;
                }
            }
            out.add(c);
        }
        return out;
    }

    /**
     * The start of a person's name glued after other capitalised words in a model span of three words or more, or
     * -1: a word after the first that is the given name of another person of the document ("Sergei" of "Sergei
     * Lavrov"), followed by one or two capitalised words up to the span's end. The model read "Special Presidential
     * Representative for Environmental Protection, Ecology and Transport Sergei Ivanov" as the organisation
     * "Transport Sergei Ivanov", and "the Kalmykia Alexander Orlov" as one person.
     */
    static int gluedNameStart(String text, Candidate c, java.util.Set<String> givenNames) {
        if (c.type() != EntityType.ORGANIZATION && c.type() != EntityType.PERSON || givenNames.isEmpty()) {
            return -1;
        }
        String[] words = text.substring(c.start(), c.end()).split(" ");
        if (words.length < 3 || words.length > 6) {
            return -1;
        }
        int offset = c.start() + words[0].length() + 1;
        for (int k = 1; k < words.length - 1; k++) {
            int rest = words.length - k;
            if (givenNames.contains(words[k]) && rest <= 3) {
                for (int j = k; j < words.length; j++) {
                    if (!Text.isCapitalised(words[j])) {
                        return -1;
                    }
                }
                return offset;
            }
            offset += words[k].length() + 1;
        }
        return -1;
    }

    /** Buildings that stand for an institution ({@code institution-buildings.txt}). */
    private static final java.util.Set<String> INSTITUTION_BUILDINGS = WordLists.load("institution-buildings");

    /**
     * True when an organisation span names a building where something happened, not the institution in it: "met at
     * the Kremlin", or a dateline "…, The Kremlin, Moscow" (the building, a comma and a place found next).
     */
    static boolean isBuildingAsPlace(String text, Candidate c, Candidate next) {
        if (c.type() != EntityType.ORGANIZATION || !INSTITUTION_BUILDINGS.contains(text.substring(c.start(), c.end()))) {
            return false;
        }
        // "at the Kremlin", but not "that the Kremlin has been forced"
        String before = text.substring(Math.max(0, c.start() - 8), c.start());
        if ((before.endsWith("at the ") || before.endsWith("At the "))
                && (before.length() < 8 || !Character.isLetter(before.charAt(0)))) {
            return true;
        }
        return next != null && next.type() == EntityType.LOCATION && next.start() == c.end() + 2
                && text.startsWith(", ", c.end());
    }

    /** A character of {@code \p{L}} or {@code \p{N}}, as the surname rule's word boundaries count them. */
    private static boolean isLetterOrNumber(int c) {
        if (Character.isLetter(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /** The people of this document, by surname, for the documents that reply to it. */
    public static ThreadContext extend(ThreadContext context, List<Entity> entities) {
        Map<String, ThreadContext.Known> known = new LinkedHashMap<>(context.bySurname());
        for (Entity e : entities) {
            if (EntityType.PERSON.name().equals(e.type()) && e.name().contains(" ")) {
                known.put(e.name().substring(e.name().lastIndexOf(' ') + 1),
                        new ThreadContext.Known(e.id(), e.name(), EntityType.PERSON));
            }
        }
        return new ThreadContext(known);
    }

    /**
     * Head words that make a capitalised phrase an organisation's name on its own ("… Ministry", "Bank of …",
     * "… Party"): a model-only organisation span of several words needs one of them or an acronym. The pattern rule's
     * heads ({@code heads-organization.txt}) and looser ones that only support what the model found
     * ({@code heads-organization-support.txt}), in lower case.
     */
    static final java.util.Set<String> ORGANIZATION_HEADS = lowerCase("heads-organization",
            "heads-organization-support");

    private static java.util.Set<String> lowerCase(String... lists) {
        java.util.Set<String> words = new java.util.HashSet<>();
        for (String list : lists) {
            WordLists.load(list).forEach(w -> words.add(w.toLowerCase(Locale.ROOT)));
        }
        return java.util.Set.copyOf(words);
    }

    /**
     * A span of two or more words only the model proposed as an organisation (no list, rule or acronym definition
     * behind it) is kept only with support: an organisation head word in it ("… Ministry", "Bank of …", "White
     * House"), an Arabic "Al" article ("Al Qaeda"), or an acronym. On the four spent held-out sets the unsupported
     * ones were mostly portfolio fragments of a minister's title ("Foreign Affairs", "International Development",
     * "Home Affairs"), programmes and initiatives ("Global Gateway", "America First") and headings ("Long Wait").
     * Single words are left alone: there the model's organisations are as often right (Hamas, Google) as wrong. A
     * second mention is not support: the same fragments recur in a page's titles.
     */
    static List<Candidate> dropUnsupportedModelOrganisations(String text, List<Candidate> kept) {
        List<Candidate> out = new ArrayList<>(kept.size());
        for (Candidate c : kept) {
            if (c.type() != EntityType.ORGANIZATION || c.source() != Candidate.Source.STATISTICAL || c.id() != null) {
                out.add(c);
                continue;
            }
            String surface = text.substring(c.start(), c.end());
            boolean supported = !surface.contains(" ") || surface.startsWith("Al ") || surface.startsWith("al-")
                    || surface.startsWith("Al-") || isAcronym(surface);
            if (!supported) {
                for (String w : surface.split("[\\s\\-–—’']+")) {
                    if (ORGANIZATION_HEADS.contains(w.toLowerCase(Locale.ROOT))) {
                        supported = true;
                        break;
                    }
                }
            }
            if (supported) {
                out.add(c);
            }
        }
        return out;
    }

    private static final java.util.regex.Pattern CAPITAL_LABEL_TAIL =
            java.util.regex.Pattern.compile("\\.?(?: [A-Z](?:[A-Z'’\\-]*[A-Z])?\\.?)+(?=:)");

    /**
     * A speaker label in capitals ("PRESS SECRETARY JOHN F. KIRBY:", "GENERAL THOMAS D. WALDHAUSER:") is one person:
     * a person span in capitals that stops at a middle initial reads on to the label's colon, and a capitals span
     * whose first and last words are words of another person of the text ("LLOYD AUSTIN" beside "Lloyd J. Austin
     * III") takes that person's id, so the label is no second entity.
     */
    static List<Candidate> foldCapitalSpeakerLabels(String text, List<Candidate> kept) {
        List<Candidate> out = new ArrayList<>(kept.size());
        for (Candidate c : kept) {
            String surface = text.substring(c.start(), c.end());
            if (c.type() != EntityType.PERSON || !surface.equals(surface.toUpperCase(Locale.ROOT))
                    || surface.chars().noneMatch(Character::isLetter)) {
                out.add(c);
                continue;
            }
            int end = c.end();
            java.util.regex.Matcher m = CAPITAL_LABEL_TAIL.matcher(text).region(end, Math.min(text.length(), end + 60));
            if (m.lookingAt()) {
                end = m.end();
                surface = text.substring(c.start(), end);
            }
            String[] words = surface.split("\\s+");
            Candidate same = null;
            if (words.length >= 2) {
                for (Candidate o : kept) {
                    String os = text.substring(o.start(), o.end());
                    if (o == c || o.type() != EntityType.PERSON || os.equals(os.toUpperCase(Locale.ROOT))) {
                        continue;
                    }
                    List<String> ow = List.of(os.toUpperCase(Locale.ROOT).split("\\s+"));
                    if (ow.size() >= 2 && ow.get(0).equals(words[0]) && ow.contains(words[words.length - 1])) {
                        same = o;
                        break;
                    }
                }
            }
            if (same != null) {
                out.add(new Candidate(c.start(), end, EntityType.PERSON, id(same),
                        same.name() != null ? same.name() : text.substring(same.start(), same.end()), c.source()));
            } else if (end != c.end()) {
                out.add(new Candidate(c.start(), end, EntityType.PERSON, c.id(), surface, c.source()));
            } else {
                out.add(c);
            }
        }
        return out;
    }

    /** Words of headings and events that are no part of a person's name ("Press Briefing", "Ministers Dinner"). */
    static final java.util.Set<String> HEADING_WORDS = lowerCase("heading-words");

    /**
     * A person span no list linked that has a heading or event word in it ("Press Briefing", "Ministers Dinner",
     * "Hagel En Route Guatemala", "Stephen Townsend Speak") is a page heading's words, not a name: dropped.
     */
    static List<Candidate> dropHeadingPeople(String text, List<Candidate> kept) {
        List<Candidate> out = new ArrayList<>(kept.size());
        for (Candidate c : kept) {
            if (c.type() == EntityType.PERSON && c.id() == null && (c.source() == Candidate.Source.STATISTICAL
                    || c.source() == Candidate.Source.PATTERN)) {
                boolean heading = false;
                for (String w : text.substring(c.start(), c.end()).split("\\s+")) {
                    if (HEADING_WORDS.contains(w.toLowerCase(Locale.ROOT))) {
                        heading = true;
                        break;
                    }
                }
                if (heading) {
                    continue;
                }
            }
            out.add(c);
        }
        return out;
    }

    private static boolean isAcronym(String s) {
        int upper = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.isUpperCase(ch)) {
                upper++;
            } else if (Character.isLowerCase(ch) || Character.isWhitespace(ch)) {
                return false;
            }
        }
        return upper >= 2;
    }

    private static String id(Candidate c) {
        if (c.id() != null) {
            return c.id();
        }
        return "sf:" + c.type().name().toLowerCase(Locale.ROOT) + ":" + Text.slug(c.name());
    }

    private static List<Entity> entities(AnalysedText at, List<Candidate> kept) {
        Map<String, List<Candidate>> byId = new LinkedHashMap<>();
        for (Candidate c : kept) {
            byId.computeIfAbsent(c.type() + "|" + id(c), k -> new ArrayList<>()).add(c);
        }
        int maxCount = byId.values().stream().mapToInt(List::size).max().orElse(1);
        double length = Math.max(1, at.text().length());
        List<Entity> out = new ArrayList<>(byId.size());
        for (List<Candidate> group : byId.values()) {
            Candidate first = group.getFirst();
            List<Mention> mentions = new ArrayList<>(group.size());
            for (Candidate c : group) {
                mentions.add(new Mention(at.text().substring(c.start(), c.end()), c.start(), c.end(),
                        at.sentenceOf(c.start())));
            }
            String name = first.name() != null && first.id() != null ? first.name()
                    : group.stream().map(c -> at.text().substring(c.start(), c.end()))
                    .max(Comparator.comparingInt(String::length)).orElseThrow();
            double salience = 0.6 * group.size() / maxCount + 0.4 * (1 - first.start() / length);
            out.add(new Entity(id(first), name, first.type().name(), group.size(), first.start(), List.copyOf(mentions),
                    Math.round(salience * 1000) / 1000.0));
        }
        out.sort(Comparator.comparing(Entity::salience, Comparator.reverseOrder()).thenComparing(Entity::firstOffset));
        return out;
    }
}
