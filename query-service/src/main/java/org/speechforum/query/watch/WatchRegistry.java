package org.speechforum.query.watch;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * This instance's copy of {@code watches.v1}: the last record per watch id, a tombstone removing it. Every
 * instance reads the whole compacted topic from its start and then follows it, so each holds every watch and a
 * restart loses none. Knows how far it has read per partition, so a create can wait until its own record is in,
 * and matching can wait until the whole log as it was at start has been read.
 */
public final class WatchRegistry {

    private final Map<String, Watch> watches = new ConcurrentHashMap<>();
    private final Map<Integer, Long> position = new HashMap<>();
    private Map<Integer, Long> loadTarget;
    private boolean loaded;
    private final List<Consumer<String>> onDelete = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Called when a watch is deleted (its streams are closed). */
    public void onDelete(Consumer<String> listener) {
        onDelete.add(listener);
    }

    /** The end offsets of the topic when reading began; once read up to them the registry is loaded. */
    public synchronized void startLoading(Map<Integer, Long> endOffsets) {
        if (loaded) {
            // A reader starting over after an error: what was read stays, matching and reads go on.
            return;
        }
        loadTarget = Map.copyOf(endOffsets);
        checkLoaded();
    }

    /** One record of the topic, in offset order per partition; {@code watch} null is a tombstone. */
    public void apply(int partition, long offset, String id, Watch watch) {
        boolean deleted = false;
        if (id != null) {
            if (watch == null) {
                deleted = watches.remove(id) != null;
            } else {
                watches.put(id, watch);
            }
        }
        synchronized (this) {
            position.merge(partition, offset + 1, Math::max);
            checkLoaded();
            notifyAll();
        }
        if (deleted) {
            onDelete.forEach(l -> l.accept(id));
        }
    }

    /** The consumer's position after a poll (skips over offsets of aborted transactions and compacted gaps). */
    public synchronized void reached(int partition, long nextOffset) {
        position.merge(partition, nextOffset, Math::max);
        checkLoaded();
        notifyAll();
    }

    private void checkLoaded() {
        if (!loaded && loadTarget != null && loadTarget.entrySet().stream()
                .allMatch(e -> position.getOrDefault(e.getKey(), 0L) >= e.getValue())) {
            loaded = true;
        }
    }

    public synchronized boolean loaded() {
        return loaded;
    }

    /** Waits until the log as it was at start has been read; false if it was not within {@code timeout}. */
    public synchronized boolean awaitLoaded(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!loaded) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Waits until the record at {@code offset} of {@code partition} has been applied. */
    public synchronized boolean awaitApplied(int partition, long offset, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (position.getOrDefault(partition, 0L) <= offset) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    public Optional<Watch> get(String id) {
        return Optional.ofNullable(watches.get(id));
    }

    /** Every watch, newest first (ties by id, so the order is stable). */
    public List<Watch> all() {
        return watches.values().stream()
                .sorted(Comparator.comparing(Watch::createdAt, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(Watch::id))
                .toList();
    }

    public int size() {
        return watches.size();
    }
}
