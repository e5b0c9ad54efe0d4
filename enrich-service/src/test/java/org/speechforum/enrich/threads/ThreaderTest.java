package org.speechforum.enrich.threads;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.speechforum.contracts.Author;
import org.speechforum.contracts.Link;
import org.speechforum.contracts.ThreadInfo;
import org.speechforum.contracts.ThreadRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class ThreaderTest {

    private static final Instant T0 = Instant.parse("2024-06-01T10:00:00Z");

    /** The 200-comment thread of the integration test: each comment under the post or an earlier comment. */
    private static List<ThreadNode> thread(long seed) {
        Random random = new Random(seed);
        List<ThreadNode> docs = new ArrayList<>();
        docs.add(node("post", null, 0));
        for (int i = 1; i <= 200; i++) {
            String parent = i == 1 || random.nextInt(5) == 0 ? "post" : "c" + (1 + random.nextInt(i - 1));
            docs.add(node("c" + i, parent, i));
        }
        return docs;
    }

    private static ThreadNode node(String id, String parent, int i) {
        return ThreadNode.arriving(id, parent, new Author(null, "user" + (i % 37), "lemmy.example", null, null),
                T0.plusSeconds(i));
    }

    @Test
    void aThreadFedInOrderIsPlacedAndAggregated() throws Exception {
        MemoryThreadState state = new MemoryThreadState(null);
        Map<String, ThreadRecord> published = new HashMap<>();
        List<ThreadNode> docs = thread(7);
        for (int from = 0; from < docs.size(); from += 50) {
            fold(published, new Threader(state).thread(docs.subList(from, Math.min(docs.size(), from + 50))));
        }

        Map<String, ThreadState.Stored> end = state.snapshot();
        assertThat(end).hasSize(201);
        end.values().forEach(s -> assertThat(s.node().thread().rootId()).isEqualTo("post"));
        ThreadNode root = end.get("post").node();
        assertThat(root.replyCount()).isEqualTo(200);
        assertThat(root.participantCount()).isEqualTo(37);
        assertThat(root.lastActivityAt()).isEqualTo(T0.plusSeconds(200));
        assertPublishedEqualsState(published, end);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void shuffledOverThreePartitionsAndTwoInstancesWithRedeliveriesEndsAsInOrder(long seed) throws Exception {
        List<ThreadNode> docs = thread(7);
        MemoryThreadState expected = new MemoryThreadState(null);
        new Threader(expected).thread(docs);

        Random random = new Random(seed);
        List<ThreadNode> shuffled = new ArrayList<>(docs);
        Collections.shuffle(shuffled, random);
        List<List<ThreadNode>> partitions = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        shuffled.forEach(d -> partitions.get(Math.floorMod(d.id().hashCode(), 3)).add(d));
        MemoryThreadState state = new MemoryThreadState(new Random(seed));
        Map<String, ThreadRecord> published = new ConcurrentHashMap<>();
        // Instance A consumes partitions 0 and 1, instance B partition 2; batches of 1 to 20; one batch in five is
        // delivered again (a rebalance or a crash before the offset commit).
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> running = List.of(
                    instances.submit(() -> consume(state, List.of(partitions.get(0), partitions.get(1)), seed, published)),
                    instances.submit(() -> consume(state, List.of(partitions.get(2)), seed + 100, published)));
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            instances.shutdown();
        }

        Map<String, ThreadState.Stored> end = state.snapshot();
        Map<String, ThreadState.Stored> want = expected.snapshot();
        for (ThreadNode d : docs) {
            assertThat(end.get(d.id()).node().thread()).as(d.id()).isEqualTo(want.get(d.id()).node().thread());
            assertThat(end.get(d.id()).node().aggregates()).as(d.id()).isEqualTo(want.get(d.id()).node().aggregates());
        }
        assertThat(end.get("post").node().replyCount()).isEqualTo(200);
        assertPublishedEqualsState(published, end);
    }

    private static Void consume(MemoryThreadState state, List<List<ThreadNode>> partitions, long seed,
                                Map<String, ThreadRecord> published) throws Exception {
        Random random = new Random(seed);
        int[] positions = new int[partitions.size()];
        Threader threader = new Threader(state);
        while (true) {
            List<Integer> open = new ArrayList<>();
            for (int p = 0; p < partitions.size(); p++) {
                if (positions[p] < partitions.get(p).size()) {
                    open.add(p);
                }
            }
            if (open.isEmpty()) {
                return null;
            }
            int p = open.get(random.nextInt(open.size()));
            int size = 1 + random.nextInt(20);
            List<ThreadNode> batch = partitions.get(p).subList(positions[p],
                    Math.min(partitions.get(p).size(), positions[p] + size));
            Threader.Result result = threader.thread(batch);
            synchronized (published) {
                fold(published, result);
            }
            if (random.nextInt(5) != 0) {
                positions[p] += batch.size();
            }
        }
    }

    @Test
    void anOrphanAndItsRepliesMoveUnderTheirParentWhenItArrivesAndTheFragmentLosesItsAggregates() throws Exception {
        MemoryThreadState state = new MemoryThreadState(null);
        Threader threader = new Threader(state);
        Map<String, ThreadRecord> published = new HashMap<>();
        fold(published, threader.thread(List.of(node("root", null, 0), node("r2", "r1", 4), node("o", "p", 2),
                node("r1", "o", 3))));

        ThreadNode orphan = state.snapshot().get("o").node();
        assertThat(orphan.thread().orphan()).isTrue();
        assertThat(orphan.replyCount()).isEqualTo(2);
        assertThat(state.snapshot().get("r2").node().thread().rootId()).isEqualTo("o");

        fold(published, threader.thread(List.of(node("p", "root", 1))));

        Map<String, ThreadState.Stored> end = state.snapshot();
        assertThat(end.get("r2").node().thread()).isEqualTo(new ThreadInfo("root", "r1", 4,
                List.of("root", "p", "o", "r1", "r2"), false));
        assertThat(end.get("o").node().aggregates()).as("aggregates leave a former root").isNull();
        assertThat(end.get("root").node().replyCount()).isEqualTo(4);
        assertThat(published.get("o").replyCount()).isNull();
        assertThat(published.get("o").thread().orphan()).isFalse();
        assertPublishedEqualsState(published, end);
    }

    @Test
    void reverseLinksTakeTheEntrysNextVersionAndSurviveARedeliveryOfTheDocument() throws Exception {
        MemoryThreadState state = new MemoryThreadState(null);
        Threader threader = new Threader(state);
        Link own = new Link("QUOTES", "s1", 0, 40, 0.9);
        ThreadNode comment = ThreadNode.arriving("c", "post", null, T0, List.of(own));
        threader.thread(List.of(node("post", null, 0), comment));
        long before = state.snapshot().get("c").version();

        Link late = new Link("DISCUSSES", "s2", null, null, 1.0);
        Map<String, ThreadRecord> records = threader.link(Map.of("c", List.of(late)));

        assertThat(records.get("c").version()).isGreaterThan(before);
        assertThat(records.get("c").links()).containsExactly(own, late);
        assertThat(records.get("c").thread().rootId()).isEqualTo("post");
        assertThat(threader.link(Map.of("c", List.of(late))).get("c").version())
                .as("the same links again change nothing").isEqualTo(records.get("c").version());
        // The comment redelivered (or re-enriched) with its own links: the reverse link stays.
        Map<String, ThreadRecord> again = threader.thread(List.of(comment)).records();
        assertThat(again.get("c").links()).containsExactlyInAnyOrder(own, late);
    }

    @Test
    void reverseLinksForADocumentNotThreadedYetWaitForItsPlace() throws Exception {
        MemoryThreadState state = new MemoryThreadState(null);
        Threader threader = new Threader(state);
        Link late = new Link("DISCUSSES", "s", null, null, 1.0);

        assertThat(threader.link(Map.of("c", List.of(late)))).as("nothing to publish without a place").isEmpty();
        ThreadRecord placed = threader.thread(List.of(ThreadNode.arriving("c", null, null, T0, List.of())))
                .records().get("c");
        assertThat(placed.thread().rootId()).isEqualTo("c");
        assertThat(placed.links()).containsExactly(late);
    }

    @Test
    void aParentWrittenByAnotherInstanceBetweenTheChildsReadAndWriteIsFoundByTheChild() throws Exception {
        MemoryThreadState state = new MemoryThreadState(null);
        // Instance B writes the parent (and searches for its children, finding none yet) after instance A read
        // that the parent is missing and before A writes the child.
        state.beforeNextWrite = () -> new Threader(state).thread(List.of(node("p", null, 0)));

        new Threader(state).thread(List.of(node("c", "p", 1)));

        assertThat(state.snapshot().get("c").node().thread()).isEqualTo(new ThreadInfo("p", "p", 1,
                List.of("p", "c"), false));
        assertThat(state.snapshot().get("p").node().replyCount()).isEqualTo(1);
    }

    @Test
    void aChildWrittenByAnotherInstanceBetweenTheParentsWriteAndItsSearchIsFoundByTheParent() throws Exception {
        MemoryThreadState state = new MemoryThreadState(null);
        Threader a = new Threader(state);
        // A child of a moving subtree: x is an orphan; its parent p arrives on A while B writes y under x.
        a.thread(List.of(node("x", "p", 1)));
        state.beforeNextWrite = () -> new Threader(state).thread(List.of(node("y", "x", 2)));

        a.thread(List.of(node("p", null, 0)));

        assertThat(state.snapshot().get("y").node().thread().path()).containsExactly("p", "x", "y");
        assertThat(state.snapshot().get("p").node().replyCount()).isEqualTo(2);
        assertThat(state.snapshot().get("x").node().aggregates()).isNull();
    }

    @Test
    void aRedeliveredBatchChangesNothingAndPublishesTheSameState() throws Exception {
        MemoryThreadState state = new MemoryThreadState(null);
        Threader threader = new Threader(state);
        List<ThreadNode> docs = List.of(node("post", null, 0), node("c1", "post", 1), node("c2", "c1", 2));
        Threader.Result first = threader.thread(docs);
        int writes = state.writes;

        Threader.Result again = threader.thread(docs);

        assertThat(state.writes).isEqualTo(writes);
        assertThat(again.records()).isEqualTo(first.records());
    }

    @Test
    void recordsOverrunByAnotherInstanceAreOfferedAgainAtTheirNewestVersion() throws Exception {
        MemoryThreadState state = new MemoryThreadState(null);
        Threader a = new Threader(state);
        Threader.Result first = a.thread(List.of(node("x", "p", 1)));
        assertThat(a.newer(first.records())).isEmpty();

        new Threader(state).thread(List.of(node("p", null, 0)));

        Map<String, ThreadRecord> again = a.newer(first.records());
        assertThat(again).containsOnlyKeys("x");
        assertThat(again.get("x").version()).isGreaterThan(first.records().get("x").version());
        assertThat(again.get("x").thread().rootId()).isEqualTo("p");
    }

    @Test
    void aParentCycleEndsWithOneOrphanInsteadOfLooping() throws Exception {
        MemoryThreadState state = new MemoryThreadState(null);
        Threader threader = new Threader(state);
        threader.thread(List.of(node("a", "b", 1)));
        threader.thread(List.of(node("b", "a", 2)));

        Map<String, ThreadState.Stored> end = state.snapshot();
        long orphans = end.values().stream().filter(s -> Boolean.TRUE.equals(s.node().thread().orphan())).count();
        assertThat(orphans).isEqualTo(1);
        assertThat(end.get("a").node().thread().rootId()).isEqualTo(end.get("b").node().thread().rootId());
    }

    @Test
    void aDocumentThatChangesItsParentMovesWithItsReplies() throws Exception {
        MemoryThreadState state = new MemoryThreadState(null);
        Threader threader = new Threader(state);
        threader.thread(List.of(node("a", null, 0), node("b", null, 1), node("x", "a", 2), node("y", "x", 3)));

        threader.thread(List.of(node("x", "b", 2)));

        assertThat(state.snapshot().get("y").node().thread().path()).containsExactly("b", "x", "y");
        assertThat(state.snapshot().get("a").node().replyCount()).isZero();
        assertThat(state.snapshot().get("b").node().replyCount()).isEqualTo(2);
    }

    /** What a projection keeps: per document the record with the highest version. */
    private static void fold(Map<String, ThreadRecord> published, Threader.Result result) {
        result.records().values().forEach(r -> published.merge(r.documentId(), r,
                (a, b) -> b.version() >= a.version() ? b : a));
    }

    private static void assertPublishedEqualsState(Map<String, ThreadRecord> published,
                                                   Map<String, ThreadState.Stored> state) {
        assertThat(published.keySet()).containsExactlyInAnyOrderElementsOf(state.keySet());
        state.forEach((id, s) -> assertThat(published.get(id)).as(id).isEqualTo(Threader.record(s)));
    }
}
