package org.speechforum.enrich.links;

import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.contracts.Link;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds DISCUSSES / QUOTES links of a batch, plain Java against a {@link LinkIndex}: the index proposes
 * candidates by shared {@link LinkKeys} (a terms lookup) or a named URL, {@link Linker} decides on the texts.
 *
 * <p>Same rule as threading: <em>write, refresh, then search</em>. The batch's entries are written first, then
 * the index is refreshed, then each forum document looks for speeches (<b>forward</b>) and each speech for forum
 * documents (<b>reverse</b>: a speech that arrives after its discussion). Of a speech and a discussion written at
 * the same moment by two instances, at least one search sees the other's entry.
 */
public final class LinkFinder {

    private static final Pattern URL = Pattern.compile("https?://[^\\s)\\]>\"']+", Pattern.CASE_INSENSITIVE);
    /** The most keys a forum document stores and queries with (a long post is sampled evenly). */
    static final int MAX_FORUM_KEYS = 5_000;
    static final int WINDOW = 4;

    private final LinkIndex index;
    private final LinkProperties properties;
    private final Linker linker;

    public LinkFinder(LinkIndex index, LinkProperties properties) {
        this.index = index;
        this.properties = properties;
        this.linker = new Linker(properties);
    }

    /**
     * {@code forward}: the links each forum document of the batch gets (documents without any are absent);
     * {@code reverse}: per stored forum document, the links it gains to speeches of this batch.
     */
    public record Found(Map<String, List<Link>> forward, Map<String, List<Link>> reverse) {
    }

    public Found find(List<Document> batch) throws IOException {
        Map<String, List<Link>> forward = new LinkedHashMap<>();
        Map<String, List<Link>> reverse = new LinkedHashMap<>();
        if (!properties.enabled()) {
            return new Found(forward, reverse);
        }
        List<LinkIndex.Entry> entries = new ArrayList<>();
        Map<String, Document> forum = new LinkedHashMap<>();
        Map<String, Document> speeches = new LinkedHashMap<>();
        for (Document d : batch) {
            if (Boolean.TRUE.equals(d.deleted()) || d.text() == null || d.text().isBlank() || d.kind() == null) {
                continue;
            }
            Shingles shingles = Shingles.of(d.text(), properties.shingleSize());
            if (d.kind() == DocumentKind.SPEECH) {
                speeches.put(d.id(), d);
                entries.add(new LinkIndex.Entry(d.id(), d.kind(), d.url(), d.text(),
                        LinkKeys.winnowed(shingles, WINDOW), List.of()));
            } else {
                forum.put(d.id(), d);
                entries.add(new LinkIndex.Entry(d.id(), d.kind(), d.url(), d.text(),
                        LinkKeys.all(shingles, MAX_FORUM_KEYS), urls(d.text())));
            }
        }
        if (entries.isEmpty()) {
            return new Found(forward, reverse);
        }
        index.put(entries);
        index.refresh();
        Map<String, Linker.Speech> prepared = new HashMap<>();
        // Each forum text is shingled and signed once per batch, however many speeches it is checked against.
        Map<String, Linker.Forum> forumTexts = new HashMap<>();
        List<LinkIndex.Entry> forumEntries = entries.stream().filter(e -> e.kind() != DocumentKind.SPEECH).toList();
        List<LinkIndex.Entry> speechEntries = entries.stream().filter(e -> e.kind() == DocumentKind.SPEECH).toList();
        List<List<LinkIndex.Entry>> speechHits = forumEntries.isEmpty() ? List.of()
                : index.speechesSharingEach(forumEntries, properties.candidates());
        for (int i = 0; i < forumEntries.size(); i++) {
            Document d = forum.get(forumEntries.get(i).id());
            List<Link> links = new ArrayList<>();
            List<LinkIndex.Entry> hits = speechHits.get(i);
            Linker.Forum text = hits.isEmpty() ? null : linker.forum(d.text());
            for (LinkIndex.Entry s : hits) {
                Linker.Speech speech = prepared.computeIfAbsent(s.id(), id -> linker.speech(id, s.url(), s.text()));
                links.addAll(linker.link(d.kind(), text, speech));
            }
            if (!links.isEmpty()) {
                forward.put(d.id(), links);
            }
        }
        List<List<LinkIndex.Entry>> forumHits = speechEntries.isEmpty() ? List.of()
                : index.forumSharingEach(speechEntries, properties.reverseCandidates());
        for (int i = 0; i < speechEntries.size(); i++) {
            LinkIndex.Entry e = speechEntries.get(i);
            Linker.Speech speech = prepared.computeIfAbsent(e.id(), id -> linker.speech(id, e.url(), e.text()));
            for (LinkIndex.Entry f : forumHits.get(i)) {
                if (forum.containsKey(f.id())) {
                    continue; // of this batch: its forward search already saw this speech
                }
                List<Link> links = linker.link(f.kind(),
                        forumTexts.computeIfAbsent(f.id(), id -> linker.forum(f.text())), speech);
                if (!links.isEmpty()) {
                    reverse.computeIfAbsent(f.id(), k -> new ArrayList<>()).addAll(links);
                }
            }
        }
        return new Found(forward, reverse);
    }

    /** {@code existing} with the DISCUSSES / QUOTES links to each target of {@code found} replaced by those. */
    public static List<Link> merge(List<Link> existing, List<Link> found) {
        Set<String> targets = new LinkedHashSet<>();
        found.forEach(l -> targets.add(l.targetId()));
        List<Link> merged = new ArrayList<>();
        for (Link l : existing == null ? List.<Link>of() : existing) {
            boolean replaced = targets.contains(l.targetId())
                    && (Linker.DISCUSSES.equals(l.type()) || Linker.QUOTES.equals(l.type()));
            if (!replaced) {
                merged.add(l);
            }
        }
        merged.addAll(found);
        return merged;
    }

    /** The URLs a text names, with and without scheme and trailing slash, as stored speech URLs may be spelt. */
    static List<String> urls(String text) {
        List<String> urls = new ArrayList<>();
        Matcher m = URL.matcher(text);
        int found = 0;
        while (m.find() && found++ < 20) {
            String url = m.group().replaceAll("[.,;:!?]+$", "");
            String bare = url.replaceFirst("(?i)^https?://", "");
            for (String v : List.of(url, "https://" + bare, "http://" + bare, "https://" + bare + "/",
                    "http://" + bare + "/")) {
                urls.add(v);
                urls.add(v.toLowerCase(Locale.ROOT));
            }
        }
        return urls.stream().distinct().toList();
    }
}
