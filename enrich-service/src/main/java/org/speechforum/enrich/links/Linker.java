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

    public List<Link> link(DocumentKind kind, String text, Speech speech) {
        List<Link> links = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return links;
        }
        Shingles shingles = Shingles.of(text, properties.shingleSize());
        List<QuoteFinder.Quote> found = quotes.find(shingles, speech.set());
        found.sort(Comparator.comparingInt(QuoteFinder.Quote::start));
        double transcript = transcriptScore(shingles, speech);
        boolean linksUrl = linksUrl(text, speech.url());
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
    double transcriptScore(Shingles text, Speech speech) {
        if (text.size() == 0 || speech.shingles().size() == 0) {
            return 0;
        }
        double jaccard = MinHash.similarity(minHash.signature(text), speech.signature());
        if (text.size() * 2 < speech.shingles().size()) {
            return jaccard; // far shorter than the speech: it cannot contain most of it
        }
        Set<Long> own = text.set();
        long contained = speech.set().stream().filter(own::contains).count();
        return Math.max(jaccard, (double) contained / speech.set().size());
    }

    static boolean linksUrl(String text, String url) {
        if (url == null || url.isBlank()) {
            return false;
        }
        String bare = url.strip().toLowerCase(Locale.ROOT).replaceFirst("^https?://(www\\.)?", "")
                .replaceAll("/+$", "");
        return bare.length() > 8 && text.toLowerCase(Locale.ROOT).contains(bare);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
