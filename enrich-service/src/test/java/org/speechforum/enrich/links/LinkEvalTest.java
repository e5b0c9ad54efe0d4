package org.speechforum.enrich.links;

import org.junit.jupiter.api.Test;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.contracts.Link;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures quote detection on a labelled set built from the seed: passages of the speech quoted inside comment
 * text with the edits people make (case, punctuation, a typo, a dropped or changed word, two edits), against
 * negatives (the seed's real comments, which discuss but never quote it; sentences made of the speech's own
 * vocabulary in another order; short shared phrases; heavy paraphrases). Prints precision and recall per
 * threshold and checks the configured default.
 */
class LinkEvalTest {

    record Example(String text, boolean quotes, String kind) {
    }

    @Test
    void quoteDetectionPrecisionAndRecallOnTheSeed() throws IOException {
        String seed = seed();
        int threadStart = seed.indexOf("  •");
        String speech = seed.substring(0, threadStart);
        List<String> comments = comments(seed.substring(threadStart));
        List<Example> examples = examples(speech, comments, new Random(11));
        Set<Long> source = Shingles.of(speech, LinkProperties.defaults().shingleSize()).set();

        System.out.printf("LINK EVAL %d examples (%d quoting)%n", examples.size(),
                examples.stream().filter(Example::quotes).count());
        System.out.println("LINK EVAL threshold precision recall");
        double[] atDefault = null;
        for (double threshold : new double[] {0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}) {
            double[] pr = measure(examples, source, threshold, false);
            System.out.printf("LINK EVAL %.1f %.3f %.3f%n", threshold, pr[0], pr[1]);
            if (threshold == LinkProperties.defaults().quoteThreshold()) {
                atDefault = pr;
            }
        }
        measure(examples, source, LinkProperties.defaults().quoteThreshold(), true);
        assertThat(atDefault).isNotNull();
        assertThat(atDefault[0]).as("precision at the default threshold").isGreaterThanOrEqualTo(0.95);
        assertThat(atDefault[1]).as("recall at the default threshold").isGreaterThanOrEqualTo(0.9);
    }

    /**
     * The same examples through {@link LinkFinder} and its key lookup (no more-like-this): the speech stored
     * first and each example arriving after it (forward), and each example stored first with the speech
     * arriving after it (reverse). The lookup must lose no quote the decision finds, and keep precision, both
     * ways, among the seed's other material (the other examples are stored too, as distractors).
     */
    @Test
    void theKeyLookupFindsEveryQuoteTheDecisionFindsBothWays() throws IOException {
        String seed = seed();
        int threadStart = seed.indexOf("  •");
        String speech = seed.substring(0, threadStart);
        List<Example> examples = examples(speech, comments(seed.substring(threadStart)), new Random(11));
        double[] decision = measure(examples, Shingles.of(speech, LinkProperties.defaults().shingleSize()).set(),
                LinkProperties.defaults().quoteThreshold(), false);
        Document theSpeech = Document.builder().id("speech").kind(DocumentKind.SPEECH).text(speech)
                .url("https://example.org/speech").build();

        LinkFinder forward = new LinkFinder(new MemoryLinkIndex(), LinkProperties.defaults());
        forward.find(List.of(theSpeech));
        Set<String> forwardFound = new java.util.HashSet<>();
        for (int i = 0; i < examples.size(); i++) {
            Document d = comment(i, examples.get(i));
            List<Link> links = forward.find(List.of(d)).forward().getOrDefault(d.id(), List.of());
            if (links.stream().anyMatch(l -> Linker.QUOTES.equals(l.type()) && "speech".equals(l.targetId()))) {
                forwardFound.add(d.id());
            }
        }
        LinkFinder reverse = new LinkFinder(new MemoryLinkIndex(), LinkProperties.defaults());
        List<Document> stored = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            stored.add(comment(i, examples.get(i)));
        }
        reverse.find(stored);
        Set<String> reverseFound = new java.util.HashSet<>();
        reverse.find(List.of(theSpeech)).reverse().forEach((id, links) -> {
            if (links.stream().anyMatch(l -> Linker.QUOTES.equals(l.type()))) {
                reverseFound.add(id);
            }
        });
        double[] f = score(examples, forwardFound);
        double[] r = score(examples, reverseFound);
        System.out.printf("LINK EVAL decision %.3f %.3f, forward lookup %.3f %.3f, reverse lookup %.3f %.3f%n",
                decision[0], decision[1], f[0], f[1], r[0], r[1]);
        assertThat(f).as("forward: precision and recall through the key lookup").containsExactly(decision);
        assertThat(r).as("reverse: precision and recall through the key lookup").containsExactly(decision);
    }

    private static Document comment(int i, Example e) {
        return Document.builder().id("c" + i).kind(DocumentKind.COMMENT).text(e.text()).build();
    }

    private static double[] score(List<Example> examples, Set<String> found) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int i = 0; i < examples.size(); i++) {
            boolean f = found.contains("c" + i);
            if (f && examples.get(i).quotes()) {
                tp++;
            } else if (f) {
                fp++;
            } else if (examples.get(i).quotes()) {
                fn++;
            }
        }
        return new double[] {tp + fp == 0 ? 1 : (double) tp / (tp + fp), tp + fn == 0 ? 1 : (double) tp / (tp + fn)};
    }

    private static double[] measure(List<Example> examples, Set<Long> source, double threshold, boolean explain) {
        QuoteFinder finder = new QuoteFinder(threshold, LinkProperties.defaults().minQuoteWords());
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (Example e : examples) {
            boolean found = !finder.find(Shingles.of(e.text(), LinkProperties.defaults().shingleSize()), source)
                    .isEmpty();
            if (found && e.quotes()) {
                tp++;
            } else if (found) {
                fp++;
            } else if (e.quotes()) {
                fn++;
            }
            if (explain && found != e.quotes()) {
                System.out.printf("LINK EVAL miss [%s, expected %s]: %s%n", e.kind(), e.quotes(),
                        e.text().substring(0, Math.min(160, e.text().length())));
            }
        }
        return new double[] {tp + fp == 0 ? 1 : (double) tp / (tp + fp), tp + fn == 0 ? 1 : (double) tp / (tp + fn)};
    }

    static List<Example> examples(String speech, List<String> comments, Random random) {
        String[] words = speech.replaceAll("\\(Applause\\.\\)", " ").trim().split("\\s+");
        List<Example> out = new ArrayList<>();
        String[] frames = {"He said \"%s\" and nobody laughed.", "%s", "> %s\n\nThis is the key part for me.",
                "Interesting how he frames it: %s. Make of that what you will.",
                "I don't buy it. %s? Really?"};
        for (int i = 0; i < 60; i++) {
            int len = 10 + random.nextInt(25);
            int from = 2 + random.nextInt(words.length - len - 2);
            String[] passage = Arrays.copyOfRange(words, from, from + len);
            String kind;
            String quoted;
            switch (i % 6) {
                case 0 -> { kind = "exact"; quoted = String.join(" ", passage); }
                case 1 -> { kind = "lowercase-nopunct"; quoted = String.join(" ", passage).toLowerCase()
                        .replaceAll("[,.;:?!]", ""); }
                case 2 -> { kind = "typo"; quoted = String.join(" ", typo(passage, 1, random)); }
                case 3 -> { kind = "dropped-word"; quoted = String.join(" ", drop(passage, 1, random)); }
                case 4 -> { kind = "changed-word"; quoted = String.join(" ", replace(passage, 1, random)); }
                default -> { kind = "two-edits"; quoted = String.join(" ", typo(replace(passage, 1, random), 1,
                        random)); }
            }
            out.add(new Example(String.format(frames[i % frames.length], quoted), true, kind));
        }
        for (int i = 0; i < 20; i++) {
            // a longer passage with three scattered edits (a typo, a changed word, a dropped word)
            int len = 22 + random.nextInt(15);
            int from = 2 + random.nextInt(words.length - len - 2);
            String[] passage = drop(replace(typo(Arrays.copyOfRange(words, from, from + len), 1, random), 1, random),
                    1, random);
            out.add(new Example(String.format(frames[i % frames.length], String.join(" ", passage)), true,
                    "three-edits"));
        }
        for (String c : comments) {
            out.add(new Example(c, false, "seed-comment"));
        }
        for (int i = 0; i < 30; i++) {
            // the speech's vocabulary, shuffled: same topic, same words, no passage
            List<String> bag = new ArrayList<>(Arrays.asList(Arrays.copyOfRange(words, random.nextInt(words.length
                    - 40), words.length)).subList(0, 40));
            java.util.Collections.shuffle(bag, random);
            out.add(new Example(String.join(" ", bag.subList(0, 25)), false, "shuffled-vocabulary"));
        }
        for (int i = 0; i < 20; i++) {
            // a short shared phrase (under the minimum quote length) inside an original comment
            int from = random.nextInt(words.length - 6);
            out.add(new Example("My take: " + String.join(" ", Arrays.copyOfRange(words, from, from + 5))
                    + " is what everyone says, but the numbers tell another story entirely.", false, "short-phrase"));
        }
        for (int i = 0; i < 20; i++) {
            // heavy paraphrase: every second word changed
            int len = 16;
            int from = random.nextInt(words.length - len);
            String[] passage = Arrays.copyOfRange(words, from, from + len);
            for (int w = 1; w < passage.length; w += 2) {
                passage[w] = "thing" + w;
            }
            out.add(new Example("Roughly: " + String.join(" ", passage), false, "paraphrase"));
        }
        return out;
    }

    private static String[] typo(String[] passage, int n, Random random) {
        String[] copy = passage.clone();
        for (int i = 0; i < n; i++) {
            int w = random.nextInt(copy.length);
            if (copy[w].length() > 3) {
                int c = 1 + random.nextInt(copy[w].length() - 2);
                copy[w] = copy[w].substring(0, c) + copy[w].substring(c + 1);
            }
        }
        return copy;
    }

    private static String[] drop(String[] passage, int n, Random random) {
        List<String> list = new ArrayList<>(Arrays.asList(passage));
        for (int i = 0; i < n; i++) {
            list.remove(1 + random.nextInt(list.size() - 2));
        }
        return list.toArray(String[]::new);
    }

    private static String[] replace(String[] passage, int n, Random random) {
        String[] copy = passage.clone();
        for (int i = 0; i < n; i++) {
            copy[1 + random.nextInt(copy.length - 2)] = "basically";
        }
        return copy;
    }

    static String seed() throws IOException {
        try (InputStream in = LinkEvalTest.class.getResourceAsStream("/samples/seed.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The bodies of the copied thread's comments (lines indented deeper than their author line's metadata). */
    static List<String> comments(String thread) {
        List<String> bodies = new ArrayList<>();
        for (String line : thread.split("\n")) {
            String t = line.strip();
            if (t.length() > 80) {
                bodies.add(t);
            }
        }
        return bodies;
    }
}
