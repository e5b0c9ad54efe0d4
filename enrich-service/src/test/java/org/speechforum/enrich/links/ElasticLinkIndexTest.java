package org.speechforum.enrich.links;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.contracts.Link;
import org.speechforum.localstack.TestEngines;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ElasticLinkIndex} against a real Elasticsearch node: the seed's labelled quotes ({@link LinkEvalTest}) among
 * many more forum documents that share short phrases with the speech than the reverse lookup keeps. The ranking
 * (shared keys, BM25) must put every quote inside the cap, and the split key fields must keep the lookups to their
 * kind.
 */
class ElasticLinkIndexTest {

    private static ElasticsearchClient client;

    @BeforeAll
    static void connect() {
        client = ElasticsearchClient.of(b -> b.host(TestEngines.elasticsearchUrl()).jsonMapper(new Jackson3JsonpMapper()));
    }

    @AfterAll
    static void close() throws Exception {
        client.close();
    }

    @Test
    void aSpeechAfterItsDiscussionFindsEveryQuoteAmongMoreSharingDocumentsThanTheCap() throws IOException {
        String seed = LinkEvalTest.seed();
        int threadStart = seed.indexOf("  •");
        String speech = seed.substring(0, threadStart);
        List<LinkEvalTest.Example> examples = LinkEvalTest.examples(speech,
                LinkEvalTest.comments(seed.substring(threadStart)), new Random(11));
        List<Document> stored = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            stored.add(comment("c" + i, examples.get(i).text()));
        }
        // 400 more comments, each with a 5-word phrase of the speech (as LinkEvalTest's short-phrase negatives):
        // most share 1 or 2 keys with it, a few 3, as the shortest edited quotes do, and none is a quote. Most of
        // the 554 stored documents share keys with the speech: far more than the cap.
        String[] words = speech.replaceAll("\\(Applause\\.\\)", " ").trim().split("\\s+");
        Random random = new Random(5);
        for (int i = 0; i < 400; i++) {
            int a = random.nextInt(words.length - 5);
            stored.add(comment("d" + i, "As they keep saying, " + String.join(" ", Arrays.copyOfRange(words, a, a + 5))
                    + ", and nothing new beyond that in my view."));
        }
        LinkProperties defaults = LinkProperties.defaults();
        assertThat(defaults.reverseCandidates()).isLessThan(stored.size() / 2);
        LinkFinder finder = new LinkFinder(index(), defaults);
        assertThat(finder.find(stored).forward()).as("no speech stored yet").isEmpty();

        Document theSpeech = Document.builder().id("speech").kind(DocumentKind.SPEECH).text(speech)
                .url("https://example.org/speech").build();
        Map<String, List<Link>> reverse = finder.find(List.of(theSpeech)).reverse();

        Set<String> quoting = new HashSet<>();
        reverse.forEach((id, links) -> {
            if (links.stream().anyMatch(l -> Linker.QUOTES.equals(l.type()) && "speech".equals(l.targetId()))) {
                quoting.add(id);
            }
        });
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < examples.size(); i++) {
            if (examples.get(i).quotes()) {
                expected.add("c" + i);
            }
        }
        assertThat(quoting).as("every labelled quote, and nothing else, through the capped reverse lookup")
                .isEqualTo(expected);
    }

    @Test
    void aForumDocumentIsNeverProposedAsASpeechNorASpeechAsAForumDocument() throws IOException {
        ElasticLinkIndex index = index();
        String text = "the quick brown fox jumps over the lazy dog while the band plays on and on";
        Shingles shingles = Shingles.of(text, 3);
        index.put(List.of(
                new LinkIndex.Entry("s", DocumentKind.SPEECH, null, text, LinkKeys.winnowed(shingles, 4), List.of()),
                new LinkIndex.Entry("f", DocumentKind.COMMENT, null, text, LinkKeys.all(shingles, 5_000), List.of())));
        index.refresh();
        assertThat(index.speechesSharing(LinkKeys.all(shingles, 5_000), List.of(), 10))
                .extracting(LinkIndex.Entry::id).containsExactly("s");
        assertThat(index.forumSharing(LinkKeys.winnowed(shingles, 4), null, 10))
                .extracting(LinkIndex.Entry::id).containsExactly("f");
    }

    private static ElasticLinkIndex index() {
        return new ElasticLinkIndex(client, "test-links-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private static Document comment(String id, String text) {
        return Document.builder().id(id).kind(DocumentKind.COMMENT).text(text).build();
    }
}
