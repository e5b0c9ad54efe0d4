package org.speechforum.enrich.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.ThreadRecord;
import org.speechforum.enrich.entities.EntityType;
import org.speechforum.enrich.entities.ThreadContext;
import org.speechforum.enrich.entities.ThreadMemory;
import org.speechforum.enrich.threads.ThreadNode;
import org.speechforum.enrich.threads.Threader;
import org.speechforum.kafka.DownstreamUnavailable;
import org.speechforum.kafka.PipelineMetrics;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The listener's door to {@link Threader}: which documents thread, metrics, and an outage as an outage. */
@Component
class DocumentThreading {

    private final Threader threader;
    private final MeterRegistry meters;
    private final Timer timer;

    DocumentThreading(Threader threader, MeterRegistry meters) {
        this.threader = threader;
        this.meters = meters;
        this.timer = Timer.builder("pipeline.threading").description("Threading one batch against the thread state")
                .publishPercentiles(0.5, 0.99).register(meters);
    }

    /**
     * The batch's entity-tagging memory over the thread state: the names stored on the entries of the batch's
     * parents, in one read (entities.ThreadMemory).
     */
    ThreadMemory memory(Collection<String> parentIds) {
        if (parentIds.isEmpty()) {
            return ThreadMemory.of(Map.of());
        }
        try {
            Map<String, ThreadContext> stored = new HashMap<>();
            threader.names(parentIds).forEach((id, names) -> stored.put(id, context(names)));
            return ThreadMemory.of(stored);
        } catch (IOException e) {
            throw new DownstreamUnavailable("Elasticsearch (thread state) is unreachable: " + e.getMessage(), e);
        }
    }

    /** Records for every document the batch touched; tombstones are not threaded. */
    Map<String, ThreadRecord> thread(List<Document> documents) {
        return thread(documents, Map.of());
    }

    /**
     * As {@link #thread(List)}, writing into each document's entry the names it leaves for its replies
     * ({@code names} by document id, from the batch's {@link ThreadMemory#remembered()}; absent: the stored stay).
     */
    Map<String, ThreadRecord> thread(List<Document> documents, Map<String, ThreadContext> names) {
        List<ThreadNode> arrivals = new ArrayList<>(documents.size());
        for (Document d : documents) {
            if (!Boolean.TRUE.equals(d.deleted())) {
                ThreadContext left = names.get(d.id());
                arrivals.add(ThreadNode.arriving(d.id(), d.parentId(), d.author(), d.publishedAt(),
                        d.links() == null ? List.of() : d.links(), left == null ? null : names(left)));
            }
        }
        if (arrivals.isEmpty()) {
            return Map.of();
        }
        long t0 = System.nanoTime();
        try {
            Threader.Result result = threader.thread(arrivals);
            meters.counter(PipelineMetrics.THREADING_OUTCOMES, "outcome", "reattached").increment(result.moved());
            return result.records();
        } catch (IOException e) {
            throw new DownstreamUnavailable("Elasticsearch (thread state) is unreachable: " + e.getMessage(), e);
        } finally {
            timer.record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    /** Reverse links into the thread state; the records of the documents that gained them (see {@link Threader#link}). */
    Map<String, ThreadRecord> link(Map<String, List<org.speechforum.contracts.Link>> reverse) {
        if (reverse.isEmpty()) {
            return Map.of();
        }
        try {
            return threader.link(reverse);
        } catch (IOException e) {
            throw new DownstreamUnavailable("Elasticsearch (thread state) is unreachable: " + e.getMessage(), e);
        }
    }

    static Map<String, ThreadNode.Name> names(ThreadContext context) {
        Map<String, ThreadNode.Name> out = new HashMap<>();
        context.bySurname().forEach((surname, k) -> out.put(surname,
                new ThreadNode.Name(k.id(), k.name(), k.type() == null ? null : k.type().name())));
        return out;
    }

    static ThreadContext context(Map<String, ThreadNode.Name> names) {
        Map<String, ThreadContext.Known> bySurname = new HashMap<>();
        names.forEach((surname, n) -> {
            try {
                EntityType type = n.type() == null ? null : EntityType.valueOf(n.type());
                bySurname.put(surname, new ThreadContext.Known(n.id(), n.name(), type));
            } catch (IllegalArgumentException e) {
                // A type a newer tagger wrote: not one this one links to.
            }
        });
        return new ThreadContext(bySurname);
    }

    /** See {@link Threader#newer}. */
    Map<String, ThreadRecord> newer(Map<String, ThreadRecord> published) {
        if (published.isEmpty()) {
            return Map.of();
        }
        try {
            return threader.newer(published);
        } catch (IOException e) {
            throw new DownstreamUnavailable("Elasticsearch (thread state) is unreachable: " + e.getMessage(), e);
        }
    }
}
