package org.speechforum.enrich.links;

import org.speechforum.contracts.DocumentKind;
import org.speechforum.contracts.Link;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides the cross-document links of a forum document to one candidate speech, in plain Java:
 * <ul>
 *   <li>{@code QUOTES} (with the quoted span, as character offsets in the forum document's own text, and the
 *       overlap score) for every passage that quotes the speech, edited copies included;</li>
 *   <li>{@code DISCUSSES} when the forum document links the speech's URL, is its transcript (MinHash Jaccard or
 *       shingle containment over the transcript threshold), or is a POST (a thread's opening) that quotes it.</li>
 * </ul>
 */
public final class Linker {

    public static final String DISCUSSES = "DISCUSSES";
    public static final String QUOTES = "QUOTES";

    /** What the linker needs of a speech, prepared once (shingles, their set, MinHash signature). */
    public record Speech(String id, String url, Shingles shingles, Set<Long> set, long[] signature) {
    }

    private final LinkProperties properties;
    private final MinHash minHash;
    private final QuoteFinder quotes;

    public Linker(LinkProperties properties) {
        this.properties = properties;
        this.minHash = new MinHash(properties.minHashSize(), 0x5eed);
        this.quotes = new QuoteFinder(properties.quoteThreshold(), properties.minQuoteWords());
    }

    public Speech speech(String id, String url, String text) {
        Shingles shingles = Shingles.of(text == null ? "" : text, properties.shingleSize());
        return new Speech(id, url, shingles, shingles.set(), minHash.signature(shingles));
    }

    /**
     * What the linker needs of a forum document, prepared once however many speeches it is checked against: its
     * shingles, and (computed on first use) their set and MinHash signature. In a batch the same forum document
     * is a candidate of many speeches (reverse links); computing its signature for every pair was most of the
     * listener's time on the bench (docs/benchmarks.md, 2026-12-06).
     */
    public final class Forum {
        private final String text;
        private final String lowerText;
        private final Shingles shingles;
        private Set<Long> set;
        private long[] signature;

        private Forum(String text) {
            this.text = text;
            this.lowerText = text.toLowerCase(Locale.ROOT);
            this.shingles = Shingles.of(text, properties.shingleSize());
        }

        Set<Long> set() {
            if (set == null) {
                set = shingles.set();
            }
            return set;
        }

        long[] signature() {
            if (signature == null) {
                signature = minHash.signature(shingles);
            }
            return signature;
        }
    }

    /** {@code text} prepared for {@link #link(DocumentKind, Forum, Speech)}; not thread-safe. */
    public Forum forum(String text) {
        return new Forum(text == null ? "" : text);
    }

    public List<Link> link(DocumentKind kind, String text, Speech speech) {
        return link(kind, forum(text), speech);
    }

    public List<Link> link(DocumentKind kind, Forum forum, Speech speech) {
        List<Link> links = new ArrayList<>();
        String text = forum.text;
        if (text.isBlank()) {
            return links;
        }
        Shingles shingles = forum.shingles;
        List<QuoteFinder.Quote> found = quotes.find(shingles, speech.set());
        found.sort(Comparator.comparingInt(QuoteFinder.Quote::start));
        double transcript = transcriptScore(forum, speech);
        boolean linksUrl = linksUrl(forum.lowerText, speech.url());
        if (linksUrl || transcript >= properties.transcriptThreshold()) {
            links.add(new Link(DISCUSSES, speech.id(), null, null, linksUrl ? 1.0 : round(transcript)));
        } else if (kind == DocumentKind.POST && !found.isEmpty()) {
            links.add(new Link(DISCUSSES, speech.id(), null, null,
                    round(found.stream().mapToDouble(QuoteFinder.Quote::score).max().orElse(0))));
        }
        if (transcript < properties.transcriptThreshold()) {
            for (QuoteFinder.Quote q : found) {
                links.add(new Link(QUOTES, speech.id(), q.start(), q.end(), round(q.score())));
            }
        }
        return links;
    }

    /** How much the text is the speech: the larger of MinHash Jaccard and the share of the speech it contains. */
    double transcriptScore(Forum forum, Speech speech) {
        Shingles text = forum.shingles;
        if (text.size() == 0 || speech.shingles().size() == 0) {
            return 0;
        }
        double jaccard = MinHash.similarity(forum.signature(), speech.signature());
        if (text.size() * 2 < speech.shingles().size()) {
            return jaccard; // far shorter than the speech: it cannot contain most of it
        }
        Set<Long> own = forum.set();
        long contained = speech.set().stream().filter(own::contains).count();
        return Math.max(jaccard, (double) contained / speech.set().size());
    }

    private static final java.util.regex.Pattern SCHEME = java.util.regex.Pattern.compile("^https?://(www\\.)?");
    private static final java.util.regex.Pattern TRAILING_SLASHES = java.util.regex.Pattern.compile("/+$");

    /** Whether {@code lowerText} (a text in lower case, {@link Locale#ROOT}) names {@code url}. */
    static boolean linksUrl(String lowerText, String url) {
        if (url == null || url.isBlank()) {
            return false;
        }
        String bare = TRAILING_SLASHES.matcher(SCHEME.matcher(url.strip().toLowerCase(Locale.ROOT)).replaceFirst(""))
                .replaceAll("");
        return bare.length() > 8 && lowerText.contains(bare);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
