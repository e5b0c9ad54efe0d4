package org.speechforum.enrich.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.ThreadRecord;
import org.speechforum.enrich.threads.ThreadNode;
import org.speechforum.enrich.threads.Threader;
import org.speechforum.kafka.DownstreamUnavailable;
import org.speechforum.kafka.PipelineMetrics;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.ArrayList;
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

    /** Records for every document the batch touched; tombstones are not threaded. */
    Map<String, ThreadRecord> thread(List<Document> documents) {
        List<ThreadNode> arrivals = new ArrayList<>(documents.size());
        for (Document d : documents) {
            if (!Boolean.TRUE.equals(d.deleted())) {
                arrivals.add(ThreadNode.arriving(d.id(), d.parentId(), d.author(), d.publishedAt(),
                        d.links() == null ? List.of() : d.links()));
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
