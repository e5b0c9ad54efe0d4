package org.speechforum.nlp4j;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Loads independent parts on a few threads. Parts start in the order they are added, so a caller that adds the
 * heaviest first keeps the threads busy until the end (the longest part starts at once instead of last). A part that
 * fails stops the others and is named in the exception, instead of leaving a half-loaded model behind.
 *
 * <p>Why: NLP4J reads its lexica and models one after another, each an XZ stream decoded on one core; the word
 * embeddings alone are about 60 % of the time, so on two cores reading them beside the rest halves the load.
 */
final class ParallelLoad implements AutoCloseable {

    /** A part being loaded; {@link #get()} waits for it. */
    final class Part<T> {
        private final String name;
        private final Future<T> future;

        private Part(String name, Future<T> future) {
            this.name = name;
            this.future = future;
        }

        String name() {
            return name;
        }

        /** The loaded part; if it failed, the other parts are stopped and the failure names this one. */
        T get() {
            try {
                return future.get();
            } catch (ExecutionException e) {
                close();
                throw new IllegalStateException("Loading " + name + " failed: " + e.getCause(), e.getCause());
            } catch (CancellationException e) {
                throw new IllegalStateException("Loading " + name + " was stopped: another part failed", e);
            } catch (InterruptedException e) {
                close();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while loading " + name, e);
            }
        }
    }

    private final ExecutorService pool;
    private final List<Future<?>> started = new ArrayList<>();

    /** At most {@code threads} parts load at once. */
    ParallelLoad(int threads, String threadName) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name(threadName + "-", 0).daemon(true)
                .factory());
    }

    /** Starts loading {@code name} as soon as a thread is free (parts start in the order they are added). */
    synchronized <T> Part<T> start(String name, Callable<T> load) {
        Future<T> future = pool.submit(load);
        started.add(future);
        return new Part<>(name, future);
    }

    /** Stops what has not finished (a part already read keeps its result) and lets the threads go. */
    @Override
    public synchronized void close() {
        for (Future<?> f : started) {
            f.cancel(true);
        }
        pool.shutdownNow();
    }
}
