package org.speechforum.enrich.threads;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@link ThreadState} contract in memory, as Elasticsearch keeps it: gets and conditional writes are real
 * time, searches see only what the last refresh published. Every operation is atomic; with {@code jitter} each
 * one first yields or sleeps a little at random, so concurrent threaders interleave in many orders. Public for
 * other packages' tests (pipeline), as the state several enrich instances share.
 */
public final class MemoryThreadState implements ThreadState {

    private final Map<String, Stored> live = new HashMap<>();
    private Map<String, Stored> searchable = Map.of();
    private final Random random;
    private long seqNo;
    int writes;
    /** Run once, just before the next write: another instance acting between this one's read and its write. */
    volatile ThrowingRunnable beforeNextWrite;

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    public MemoryThreadState(Random jitter) {
        this.random = jitter;
    }

    private void jitter() {
        if (random == null) {
            return;
        }
        int r;
        synchronized (random) {
            r = random.nextInt(10);
        }
        try {
            if (r < 3) {
                Thread.sleep(0, 1 + r * 100_000);
            } else if (r < 6) {
                Thread.yield();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Map<String, Stored> get(Collection<String> ids) {
        jitter();
        synchronized (this) {
            Map<String, Stored> out = new LinkedHashMap<>();
            for (String id : ids) {
                Stored s = live.get(id);
                if (s != null) {
                    out.put(id, s);
                }
            }
            return out;
        }
    }

    @Override
    public Map<String, Stored> write(List<Write> batch) {
        jitter();
        ThrowingRunnable hook = beforeNextWrite;
        if (hook != null) {
            beforeNextWrite = null;
            try {
                hook.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        Map<String, Stored> out = new LinkedHashMap<>();
        for (Write w : batch) {
            synchronized (this) {
                Stored now = live.get(w.node().id());
                boolean ok = w.expected() == null ? now == null
                        : now != null && now.seqNo() == w.expected().seqNo();
                if (ok) {
                    Stored next = new Stored(w.node(), now == null ? 1 : now.version() + 1, ++seqNo, 1);
                    live.put(w.node().id(), next);
                    out.put(w.node().id(), next);
                    writes++;
                }
            }
        }
        return out;
    }

    @Override
    public void refresh() {
        jitter();
        synchronized (this) {
            searchable = new HashMap<>(live);
        }
    }

    @Override
    public List<String> children(Collection<String> parentIds) {
        jitter();
        Set<String> parents = new HashSet<>(parentIds);
        Set<String> out = new TreeSet<>();
        synchronized (this) {
            searchable.values().forEach(s -> {
                if (s.node().parentId() != null && parents.contains(s.node().parentId())) {
                    out.add(s.node().id());
                }
            });
        }
        return new ArrayList<>(out);
    }

    @Override
    public Map<String, ThreadNode.Aggregates> aggregates(Collection<String> rootIds) {
        jitter();
        Map<String, ThreadNode.Aggregates> out = new HashMap<>();
        synchronized (this) {
            for (String root : rootIds) {
                long replies = 0;
                Set<String> people = new HashSet<>();
                java.time.Instant last = null;
                boolean any = false;
                for (Stored s : searchable.values()) {
                    ThreadNode n = s.node();
                    if (n.thread() == null || !root.equals(n.thread().rootId())) {
                        continue;
                    }
                    any = true;
                    if (n.thread().depth() >= 1) {
                        replies++;
                    }
                    if (n.authorKey() != null) {
                        people.add(n.authorKey());
                    }
                    if (n.publishedAt() != null && (last == null || n.publishedAt().isAfter(last))) {
                        last = n.publishedAt();
                    }
                }
                if (any) {
                    out.put(root, new ThreadNode.Aggregates(replies, people.size(), last));
                }
            }
        }
        return out;
    }

    synchronized Map<String, Stored> snapshot() {
        return new HashMap<>(live);
    }
}
