package org.speechforum.query.thread;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.ThreadInfo;
import org.speechforum.kafka.PipelineMetrics;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Threads what the indexer writes. Before a batch is written: {@link #place} gives each document its root,
 * depth and path from its parent (in the batch or already stored). After it is written: {@link #afterWrite}
 * moves the subtrees that waited for a document of the batch (orphans whose parent just came, or whose
 * ancestor moved), then recomputes the aggregates of every root the batch touched. {@link #reconcile} repeats
 * the checks that a race between instances can leave undone. All state lives in the index, so any instance,
 * after any restart, sees the same thing.
 */
@Component
public class Threader {

    private static final Logger log = LoggerFactory.getLogger(Threader.class);

    private final ThreadStore store;
    private final ThreadingProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer placeTimer;
    private final Timer afterTimer;
    /** Roots this instance wrote under lately, with when; re-checked until the window passes. */
    private final Map<String, Instant> recentRoots = new ConcurrentHashMap<>();

    Threader(ThreadStore store, ThreadingProperties properties, MeterRegistry meters) {
        this.meters = meters;
        this.store = store;
        this.properties = properties;
        this.clock = Clock.systemUTC();
        this.placeTimer = Timer.builder("pipeline.threading.place").description("Placing a batch in its threads")
                .register(meters);
        this.afterTimer = Timer.builder("pipeline.threading.after-write")
                .description("Moving waiting subtrees and recomputing thread aggregates after a batch")
                .register(meters);
    }

    /** Each document's place, from parents in the batch or in the index. */
    public Map<String, ThreadInfo> place(List<Document> batch) throws IOException {
        long t0 = System.nanoTime();
        List<ThreadMath.Node> nodes = new ArrayList<>(batch.size());
        Set<String> ids = new HashSet<>();
        for (Document d : batch) {
            nodes.add(new ThreadMath.Node(d.id(), d.parentId(), null));
            ids.add(d.id());
        }
        Set<String> outside = new HashSet<>();
        for (Document d : batch) {
            if (d.parentId() != null && !ids.contains(d.parentId())) {
                outside.add(d.parentId());
            }
        }
        Map<String, ThreadInfo> known = new HashMap<>();
        store.get(outside).forEach((id, node) -> known.put(id,
                node.thread() != null ? node.thread() : ThreadMath.place(id, node.parentId(), null)));
        Map<String, ThreadInfo> places = ThreadMath.resolve(nodes, known);
        places.values().forEach(place -> meters.counter(PipelineMetrics.THREADING_OUTCOMES, "outcome",
                Boolean.TRUE.equals(place.orphan()) ? "orphaned" : place.parentId() == null ? "root" : "attached")
                .increment());
        placeTimer.record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
        return places;
    }

    /** After the batch is stored: moves subtrees that hang on it and refreshes the aggregates of its roots. */
    public void afterWrite(Map<String, ThreadInfo> placed) throws IOException {
        long t0 = System.nanoTime();
        store.refresh();
        Set<String> roots = new LinkedHashSet<>();
        placed.values().forEach(p -> roots.add(p.rootId()));
        List<ThreadMath.Node> waiting = store.orphansOf(placed.keySet()).stream()
                .filter(o -> !placed.containsKey(o.id())).toList();
        Map<String, ThreadInfo> tops = new LinkedHashMap<>(placed);
        if (move(tops, waiting, roots) > 0) {
            store.refresh();
        }
        remember(roots);
        store.refreshStats(roots);
        afterTimer.record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /**
     * Re-threads everything below {@code tops} (documents whose place is now known) and the {@code waiting}
     * orphans that hang on them. Adds the roots whose threads changed, old and new, to {@code roots} and returns
     * how many documents moved.
     */
    int move(Map<String, ThreadInfo> tops, List<ThreadMath.Node> waiting, Set<String> roots) throws IOException {
        Set<String> subtreeTops = new LinkedHashSet<>(tops.keySet());
        waiting.forEach(w -> subtreeTops.add(w.id()));
        List<ThreadMath.Node> members = new ArrayList<>(store.subtrees(subtreeTops));
        Set<String> memberIds = new HashSet<>();
        members.forEach(m -> memberIds.add(m.id()));
        for (ThreadMath.Node w : waiting) {
            if (memberIds.add(w.id())) {
                members.add(w);
            }
        }
        Map<String, ThreadMath.Node> byId = new LinkedHashMap<>();
        members.forEach(m -> byId.put(m.id(), m));
        tops.forEach((id, place) -> {
            ThreadMath.Node stored = byId.get(id);
            byId.put(id, new ThreadMath.Node(id, stored != null ? stored.parentId() : place.parentId(), place));
        });
        Map<String, ThreadInfo> changed = ThreadMath.settle(byId.values());
        // "before" is what the index held: the members as searched
        byId.clear();
        members.forEach(m -> byId.put(m.id(), m));
        Set<String> noLongerRoots = new HashSet<>();
        for (Map.Entry<String, ThreadInfo> e : changed.entrySet()) {
            ThreadMath.Node before = byId.get(e.getKey());
            if (before != null && before.thread() != null) {
                roots.add(before.thread().rootId());
                if (before.thread().rootId().equals(e.getKey()) && !e.getValue().rootId().equals(e.getKey())) {
                    noLongerRoots.add(e.getKey());
                }
            }
            roots.add(e.getValue().rootId());
        }
        if (!changed.isEmpty()) {
            log.debug("Re-threading {} documents under {}", changed.size(), tops.keySet());
            meters.counter(PipelineMetrics.THREADING_OUTCOMES, "outcome", "reattached").increment(changed.size());
            store.writePlaces(changed, noLongerRoots);
        }
        return changed.size();
    }

    /**
     * Converges what concurrent instances can leave behind: orphans whose parent has meanwhile been stored by
     * another instance, and subtrees written under a root that another instance has moved since. Also
     * recomputes the aggregates of recently touched roots, since two instances may have written them in either
     * order.
     */
    public synchronized void reconcile() throws IOException {
        Instant now = clock.instant();
        recentRoots.values().removeIf(at -> at.isBefore(now.minus(properties.recentRootWindow())));
        store.refresh();
        Set<String> roots = new LinkedHashSet<>(recentRoots.keySet());

        List<ThreadMath.Node> orphans = store.orphans(properties.maxThreadSize());
        Set<String> parentIds = new HashSet<>();
        orphans.forEach(o -> parentIds.add(o.parentId()));
        Map<String, ThreadMath.Node> parents = store.get(parentIds);
        Map<String, ThreadInfo> tops = new LinkedHashMap<>();
        List<ThreadMath.Node> waiting = new ArrayList<>();
        for (ThreadMath.Node o : orphans) {
            ThreadMath.Node parent = parents.get(o.parentId());
            if (parent != null && parent.thread() != null && !ThreadMath.wouldCycle(o.id(), parent.thread())) {
                tops.put(parent.id(), parent.thread());
                waiting.add(o);
            }
        }
        // A recent root that is no longer a root moved under another thread: its subtree follows it.
        Map<String, ThreadMath.Node> recent = store.get(recentRoots.keySet());
        for (ThreadMath.Node r : recent.values()) {
            if (r.thread() != null && !r.thread().rootId().equals(r.id())) {
                tops.put(r.id(), r.thread());
            }
        }
        if (!tops.isEmpty() && move(tops, waiting, roots) > 0) {
            remember(roots);
            store.refresh();
        }
        store.refreshStats(roots);
    }

    private void remember(Set<String> roots) {
        Instant now = clock.instant();
        roots.forEach(r -> recentRoots.put(r, now));
    }
}
