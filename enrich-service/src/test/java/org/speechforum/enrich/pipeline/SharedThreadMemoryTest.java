package org.speechforum.enrich.pipeline;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.speechforum.contracts.Author;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.contracts.Entity;
import org.speechforum.enrich.entities.EntityPipeline;
import org.speechforum.enrich.entities.ThreadMemory;
import org.speechforum.enrich.languages.LanguageDetection;
import org.speechforum.enrich.threads.MemoryThreadState;
import org.speechforum.enrich.threads.ThreadState;
import org.speechforum.enrich.threads.Threader;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The surname memory of entity tagging lives in the thread state enrich-service owns, not in one process: a
 * reply tagged by another instance (or by this one after a restart) links a bare surname to the full name its
 * parent, tagged elsewhere, named. Each instance here is what the listener does with a batch: one read of the
 * parents' entries ({@link DocumentThreading#memory}), tagging with that memory, threading that writes what each
 * document leaves into its entry.
 */
class SharedThreadMemoryTest {

    private static final EntityPipeline TAGGER = EntityPipeline.createRulesOnly();

    /** One enrich instance: its own enricher (its process memory stays empty) and threader, over {@code state}. */
    private record Instance(DocumentEnricher enricher, DocumentThreading threading) {

        static Instance over(ThreadState state) {
            return new Instance(new DocumentEnricher(Clock.systemUTC(), TAGGER, new ThreadMemory(100), false,
                    LanguageDetection.none(), Set.of(), null),
                    new DocumentThreading(new Threader(state), new SimpleMeterRegistry()));
        }

        List<Document> batch(Document... raw) {
            Set<String> parents = new LinkedHashSet<>();
            for (Document d : raw) {
                if (d.parentId() != null) {
                    parents.add(d.parentId());
                }
            }
            ThreadMemory memory = threading.memory(parents);
            List<Document> enriched = java.util.Arrays.stream(raw).map(d -> enricher.enrich(d, memory)).toList();
            threading.thread(enriched, memory.remembered());
            return enriched;
        }
    }

    private static Document speech() {
        return Document.builder().id("speech").kind(DocumentKind.SPEECH).source("kremlin.ru")
                .author(Author.named("Vladimir Putin")).publishedAt(Instant.parse("2024-06-01T10:00:00Z"))
                .text("I thank Prime Minister Hun Manet of Cambodia. Hun Manet said that Manet agrees.").build();
    }

    private static Document reply(String id, String parentId, String text) {
        return Document.builder().id(id).kind(DocumentKind.COMMENT).source("lemmy.example").parentId(parentId)
                .author(new Author(null, "u" + id, "lemmy.example", null, null))
                .publishedAt(Instant.parse("2024-06-01T11:00:00Z")).text(text).build();
    }

    private static List<String> ids(Document d) {
        return d.entities().stream().map(Entity::id).toList();
    }

    @Test
    void aReplyTaggedByAnotherInstanceLinksTheSurnameItsParentNamedOnTheFirst() {
        ThreadState shared = new MemoryThreadState(null);
        Instance first = Instance.over(shared);
        Document speech = first.batch(speech()).getFirst();
        String manet = speech.entities().stream().filter(e -> e.name().equals("Hun Manet")).findFirst()
                .orElseThrow().id();

        // A second instance, or the first one restarted: nothing of the speech in its process.
        Document reply = Instance.over(shared).batch(reply("c1", "speech", "manet is careful")).getFirst();
        assertThat(ids(reply)).contains(manet);
        // Down the thread, back on yet another instance: the reply passed the name on in its own entry.
        Document deeper = Instance.over(shared).batch(reply("c2", "c1", "and manet again")).getFirst();
        assertThat(ids(deeper)).contains(manet);
    }

    @Test
    void withoutTheSharedStateTheSurnameStaysUnlinked() {
        Instance first = Instance.over(new MemoryThreadState(null));
        first.batch(speech());

        Document reply = Instance.over(new MemoryThreadState(null))
                .batch(reply("c1", "speech", "manet is careful")).getFirst();
        assertThat(reply.entities()).noneMatch(e -> e.name().equals("Hun Manet"));
    }

    @Test
    void aParentInTheSameBatchGivesWhatItLeftBeforeTheStoredEntry() {
        ThreadState shared = new MemoryThreadState(null);
        Instance only = Instance.over(shared);
        List<Document> batch = only.batch(speech(), reply("c1", "speech", "manet is careful"));
        String manet = batch.getFirst().entities().stream().filter(e -> e.name().equals("Hun Manet")).findFirst()
                .orElseThrow().id();
        assertThat(ids(batch.get(1))).contains(manet);
    }
}
