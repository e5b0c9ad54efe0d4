package org.speechforum.query.thread;

import org.junit.jupiter.api.Test;
import org.speechforum.contracts.ThreadInfo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadMathTest {

    @Test
    void aReplyTakesRootDepthAndPathFromItsParent() {
        ThreadInfo root = ThreadMath.root("s");
        ThreadInfo c1 = ThreadMath.under("c1", root);
        ThreadInfo c2 = ThreadMath.under("c2", c1);

        assertThat(root).isEqualTo(new ThreadInfo("s", null, 0, List.of("s"), false));
        assertThat(c2).isEqualTo(new ThreadInfo("s", "c1", 2, List.of("s", "c1", "c2"), false));
    }

    @Test
    void aReplyWhoseParentIsUnknownIsTheOrphanRootOfItsOwnFragment() {
        assertThat(ThreadMath.place("c", "missing", null))
                .isEqualTo(new ThreadInfo("c", "missing", 0, List.of("c"), true));
        assertThat(ThreadMath.place("c", null, null)).isEqualTo(ThreadMath.root("c"));
        assertThat(ThreadMath.place("c", "c", null)).as("self-parent").isEqualTo(ThreadMath.root("c"));
    }

    @Test
    void aBatchResolvesInAnyOrderAgainstStoredParents() {
        // stored: s (root) ; batch: c3 -> c2 -> c1 -> s, in reverse order, plus x whose parent is nowhere
        Map<String, ThreadInfo> known = Map.of("s", ThreadMath.root("s"));
        List<ThreadMath.Node> batch = List.of(node("c3", "c2"), node("x", "gone"), node("c2", "c1"), node("c1", "s"));

        Map<String, ThreadInfo> placed = ThreadMath.resolve(batch, known);

        assertThat(placed.get("c3")).isEqualTo(new ThreadInfo("s", "c2", 3, List.of("s", "c1", "c2", "c3"), false));
        assertThat(placed.get("x").orphan()).isTrue();
    }

    @Test
    void aParentCycleInsideABatchIsBrokenNotLoopedOn() {
        Map<String, ThreadInfo> placed = ThreadMath.resolve(List.of(node("a", "b"), node("b", "a")), Map.of());

        assertThat(placed).hasSize(2);
        assertThat(placed.values()).anyMatch(p -> Boolean.TRUE.equals(p.orphan()));
        assertThat(ThreadMath.wouldCycle("a", ThreadMath.under("b", ThreadMath.root("a")))).isTrue();
    }

    @Test
    void whenTheParentArrivesTheOrphanAndAllItsDescendantsMove() {
        // o was stored as an orphan with two levels of replies under it.
        ThreadInfo o = ThreadMath.orphan("o", "p");
        ThreadInfo r1 = ThreadMath.under("r1", o);
        ThreadInfo r2 = ThreadMath.under("r2", r1);
        List<ThreadMath.Node> members = List.of(new ThreadMath.Node("o", "p", o),
                new ThreadMath.Node("r1", "o", r1), new ThreadMath.Node("r2", "r1", r2));
        ThreadInfo p = ThreadMath.under("p", ThreadMath.root("s"));

        List<ThreadMath.Node> all = new ArrayList<>(members);
        all.add(new ThreadMath.Node("p", "s", p));
        Map<String, ThreadInfo> changed = ThreadMath.settle(all);

        assertThat(changed.get("o")).isEqualTo(new ThreadInfo("s", "p", 2, List.of("s", "p", "o"), false));
        assertThat(changed.get("r2")).isEqualTo(new ThreadInfo("s", "r1", 4, List.of("s", "p", "o", "r1", "r2"), false));
        assertThat(changed).doesNotContainKey("p");
    }

    @Test
    void rethreadingAnAlreadyCorrectSubtreeChangesNothing() {
        ThreadInfo s = ThreadMath.root("s");
        ThreadInfo a = ThreadMath.under("a", s);
        List<ThreadMath.Node> members = List.of(new ThreadMath.Node("s", null, s), new ThreadMath.Node("a", "s", a));

        assertThat(ThreadMath.settle(members)).isEmpty();
    }

    @Test
    void anyArrivalOrderInAnyBatchingEndsInTheSameTreeAsInOrder() {
        Random random = new Random(42);
        List<ThreadMath.Node> inOrder = new ArrayList<>();
        inOrder.add(node("root", null));
        for (int i = 1; i < 200; i++) {
            inOrder.add(node("c" + i, i == 1 ? "root" : random.nextInt(4) == 0 ? "root"
                    : inOrder.get(1 + random.nextInt(i - 1)).id()));
        }
        Map<String, ThreadInfo> expected = ThreadMath.resolve(inOrder, Map.of());

        for (int round = 0; round < 20; round++) {
            List<ThreadMath.Node> shuffled = new ArrayList<>(inOrder);
            Collections.shuffle(shuffled, random);
            Map<String, ThreadInfo> stored = simulateIndexer(shuffled, 1 + random.nextInt(30));
            assertThat(stored).as("round " + round).isEqualTo(expected);
        }
    }

    /** What the indexer does per batch, with a map standing in for the index. */
    private static Map<String, ThreadInfo> simulateIndexer(List<ThreadMath.Node> arrivals, int batchSize) {
        Map<String, ThreadMath.Node> index = new HashMap<>();
        for (int from = 0; from < arrivals.size(); from += batchSize) {
            List<ThreadMath.Node> batch = arrivals.subList(from, Math.min(arrivals.size(), from + batchSize));
            Map<String, ThreadInfo> known = new HashMap<>();
            index.values().forEach(n -> known.put(n.id(), n.thread()));
            Map<String, ThreadInfo> placed = ThreadMath.resolve(batch, known);
            batch.forEach(n -> index.put(n.id(), new ThreadMath.Node(n.id(), n.parentId(), placed.get(n.id()))));
            // as Threader.afterWrite: orphans waiting for the batch, and every subtree below the batch or them
            List<String> waiting = index.values().stream()
                    .filter(w -> Boolean.TRUE.equals(w.thread().orphan()) && placed.containsKey(w.parentId()))
                    .map(ThreadMath.Node::id).toList();
            List<ThreadMath.Node> members = index.values().stream()
                    .filter(n -> n.thread().path().stream().anyMatch(id -> placed.containsKey(id) || waiting.contains(id)))
                    .toList();
            ThreadMath.settle(members).forEach((id, place) ->
                    index.put(id, new ThreadMath.Node(id, index.get(id).parentId(), place)));
        }
        Map<String, ThreadInfo> out = new HashMap<>();
        index.values().forEach(n -> out.put(n.id(), n.thread()));
        return out;
    }

    private static ThreadMath.Node node(String id, String parentId) {
        return new ThreadMath.Node(id, parentId, null);
    }
}
