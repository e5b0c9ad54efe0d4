package org.speechforum.bench;

import org.speechforum.contracts.Author;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentIds;
import org.speechforum.contracts.DocumentKind;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of realistic raw documents: speeches by named speakers and forum posts and comments by
 * fediverse handles, replying to each other in threads, mentioning the people, organisations, places, dates,
 * percentages and amounts enrich-service tags. The same seed gives the same documents, byte for byte, so runs
 * compare. Texts are sized so the canonical JSON of a document is 1 to 2 KB, as the pipeline's typical input.
 */
public final class Corpus {

    private static final String[][] SPEAKERS = {
            {"Vladimir Putin", "President of Russia", "kremlin.ru"},
            {"Sergei Lavrov", "Foreign Minister of Russia", "mid.ru"},
            {"Luiz Inácio Lula da Silva", "President of Brazil", "gov.br"},
            {"William Ruto", "President of Kenya", "president.go.ke"},
            {"Olaf Scholz", "Chancellor of Germany", "bundesregierung.de"},
            {"António Guterres", "Secretary-General of the United Nations", "un.org"},
            {"Joko Widodo", "President of Indonesia", "setneg.go.id"},
    };
    private static final String[] PEOPLE = {"Vladimir Putin", "Lenin", "Stalin", "Khrushchev", "Gorbachev",
            "Yeltsin", "Fidel Castro", "Che Guevara", "Simón Bolívar", "Salvador Allende", "Karl Marx", "Mao Zedong",
            "Nelson Mandela", "Lula", "Xi Jinping", "Narendra Modi", "Joe Biden", "Donald Trump", "Emmanuel Macron",
            "Angela Merkel", "Ursula von der Leyen", "Zelensky", "Sergei Lavrov", "Olaf Scholz"};
    private static final String[] ORGS = {"NATO", "the European Union", "the United Nations", "the IMF",
            "the World Bank", "the WTO", "OPEC", "the G20", "BRICS", "the New Development Bank", "Mercosur", "CELAC",
            "the Eurasian Economic Union", "the African Union", "ASEAN", "the European Commission", "the Bundestag",
            "Gazprom", "the State Duma", "the UN Security Council"};
    private static final String[] PLACES = {"Latin America", "Cuba", "Brazil", "Venezuela", "Kenya", "Germany",
            "Indonesia", "Viet Nam", "the Philippines", "China", "India", "South Africa", "Europe", "Africa",
            "Southeast Asia", "the Caribbean", "Ukraine", "Moscow", "Nairobi", "Jakarta", "Berlin", "Havana"};
    private static final String[] GROUPS = {"Russian", "Cuban", "Latin American", "Bolshevik", "Soviet",
            "European", "African", "German", "Chinese", "American", "Brazilian", "Communist"};
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December"};
    private static final String[] INSTANCES = {"lemmygrad.ml", "lemmy.ml", "hexbear.net", "mastodon.social",
            "lemmy.world", "beehaw.org"};
    private static final String[] HANDLE_PARTS = {"red", "star", "comrade", "gauss", "river", "north", "steel",
            "field", "volga", "andes", "reader", "old", "mole", "quiet", "owl", "plan"};

    private static final String[] SPEECH_SENTENCES = {
            "Colleagues, friends, I am pleased to welcome you to this meeting on cooperation between %P and %L.",
            "Trade between our countries grew by %N percent last year and reached %M.",
            "We discussed with %H the work of %O and the agenda of the summit in %L.",
            "Since %D we have built new transport corridors, power lines and ports across %L.",
            "The %G people have always stood for sovereignty, independence and an equal voice in world affairs.",
            "Our partners in %O share these goals, and we will present joint proposals to %O.",
            "The New Development Bank has already financed projects worth %M in %L and %L.",
            "I want to thank %H for the hospitality and for a frank and substantive conversation.",
            "Let me recall that in %D the leaders of %L and %L signed the first agreement on food security.",
            "Inflation fell to %N percent, unemployment is at a record low, and real incomes are growing again.",
            "We are open to working with everyone who respects international law and the role of %O.",
            "(Applause.) Thank you. We will continue this work together with %O and our friends in %L.",
    };
    private static final String[] COMMENT_SENTENCES = {
            "Honestly %H said it better than anyone in %D.",
            "This is exactly what %H warned about, and %O still pretends nothing happened.",
            "Source? Last I checked the %G delegation voted against it in %O.",
            "Reminds me of what happened in %L after %D, read the history.",
            "@%U@%I you should read %H on this, it is all there.",
            "The numbers say %N percent, not the %N percent the article claims, and that is a %M difference.",
            "lol %O will never allow it, they did the same to %L.",
            "%G workers in %L have been organising for years and nobody covers it.",
            "Good thread. The part about %O and %L is what matters most here.",
            "I was in %L in %D and people there see %H very differently from the western press.",
            "edit: fixed the link, the report from %O is from %D.",
            "Can someone explain why %O keeps inviting %H if nothing ever changes?",
    };

    private Corpus() {
    }

    /** {@code count} raw documents from {@code seed}; external ids start at {@code firstId}. */
    public static List<Document> generate(long seed, int count, String runTag, long firstId) {
        Random r = new Random(seed);
        List<Document> docs = new ArrayList<>(count);
        List<String> recent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String externalId = runTag + "-" + (firstId + i);
            int roll = r.nextInt(100);
            DocumentKind kind = roll < 20 ? DocumentKind.SPEECH : roll < 35 ? DocumentKind.POST : DocumentKind.COMMENT;
            Instant published = Instant.parse("2023-01-01T00:00:00Z").plusSeconds(r.nextLong(2L * 365 * 86400));
            Document.Builder b = Document.builder().kind(kind).externalId(externalId).publishedAt(published)
                    .language("en");
            String source;
            if (kind == DocumentKind.SPEECH) {
                String[] speaker = SPEAKERS[r.nextInt(SPEAKERS.length)];
                source = speaker[2];
                b.author(new Author(speaker[0], null, null, speaker[1], null))
                        .title("Meeting on cooperation with " + pick(r, PLACES).replace("the ", "") + ", " + year(r))
                        .text(speaker[1] + " " + speaker[0] + ": " + text(r, SPEECH_SENTENCES, 900, 1500));
            } else {
                String instance = pick(r, INSTANCES);
                source = instance;
                b.author(new Author(null, handle(r), instance, null, null))
                        .text(text(r, COMMENT_SENTENCES, 700, 1400))
                        .upvotes(r.nextInt(60)).downvotes(r.nextInt(5)).edits(r.nextInt(3)).op(r.nextInt(8) == 0);
                if (kind == DocumentKind.POST) {
                    b.title("Discussion: " + pick(r, ORGS).replace("the ", "") + " and " + pick(r, PLACES));
                } else if (!recent.isEmpty()) {
                    b.parentId(recent.get(r.nextInt(recent.size())));
                }
            }
            b.source(source);
            String id = DocumentIds.of(source, externalId);
            docs.add(b.id(id).build());
            if (kind != DocumentKind.COMMENT || r.nextInt(3) == 0) {
                recent.add(id);
                if (recent.size() > 50) {
                    recent.remove(0);
                }
            }
        }
        return docs;
    }

    public static long utf8Bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String text(Random r, String[] sentences, int min, int max) {
        int target = min + r.nextInt(max - min);
        StringBuilder sb = new StringBuilder(target + 200);
        int n = 0;
        while (sb.length() < target) {
            String s = fill(r, sentences[r.nextInt(sentences.length)]);
            sb.append(s);
            sb.append(++n % 4 == 0 ? "\n\n" : " ");
        }
        return sb.toString().strip();
    }

    private static String fill(Random r, String template) {
        StringBuilder out = new StringBuilder(template.length() + 40);
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '%' || i + 1 == template.length()) {
                out.append(c);
                continue;
            }
            char slot = template.charAt(++i);
            out.append(switch (slot) {
                case 'P', 'L' -> pick(r, PLACES);
                case 'H' -> pick(r, PEOPLE);
                case 'O' -> pick(r, ORGS);
                case 'G' -> pick(r, GROUPS);
                case 'N' -> Integer.toString(1 + r.nextInt(40));
                case 'M' -> "$" + (1 + r.nextInt(300)) + " billion";
                case 'D' -> r.nextBoolean() ? MONTHS[r.nextInt(12)] + " " + year(r)
                        : (1 + r.nextInt(28)) + " " + MONTHS[r.nextInt(12)] + " " + year(r);
                case 'U' -> handle(r);
                case 'I' -> pick(r, INSTANCES);
                default -> "%" + slot;
            });
        }
        String s = out.toString();
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static int year(Random r) {
        return 1917 + r.nextInt(108);
    }

    private static String handle(Random r) {
        return pick(r, HANDLE_PARTS) + pick(r, HANDLE_PARTS) + r.nextInt(100);
    }

    private static String pick(Random r, String[] values) {
        return values[r.nextInt(values.length)];
    }
}
