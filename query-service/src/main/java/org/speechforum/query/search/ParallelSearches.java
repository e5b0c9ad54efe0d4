package org.speechforum.query.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Searches sent side by side (a page and its facets, an entity page's parts), waited for as one call. */
public final class ParallelSearches {

    private ParallelSearches() {
    }

    /** The result of {@code future}, with the IOException or RuntimeException it failed with, not a wrapper. */
    public static <T> T join(CompletableFuture<T> future) throws IOException {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }
}
