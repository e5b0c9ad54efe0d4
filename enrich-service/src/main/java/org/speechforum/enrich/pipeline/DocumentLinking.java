package org.speechforum.enrich.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.Link;
import org.speechforum.enrich.links.LinkFinder;
import org.speechforum.kafka.DownstreamUnavailable;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The listener's door to {@link LinkFinder}: forward links onto the documents, reverse ones handed on, metrics. */
@Component
class DocumentLinking {

    private final LinkFinder finder;
    private final Timer timer;

    DocumentLinking(LinkFinder finder, MeterRegistry meters) {
        this.finder = finder;
        this.timer = Timer.builder("pipeline.links").description("Finding cross-document links of a batch")
                .publishPercentiles(0.5, 0.99).register(meters);
    }

    /** The batch with its forward links, and per stored forum document the links it gains. */
    record Linked(List<Document> documents, Map<String, List<Link>> reverse) {
    }

    /** The links of {@code batch}: documents as {@link DocumentEnricher#linkView} gives them (ids, normalised texts). */
    LinkFinder.Found find(List<Document> batch) {
        long t0 = System.nanoTime();
        try {
            return finder.find(batch);
        } catch (IOException e) {
            throw new DownstreamUnavailable("Elasticsearch (link keys) is unreachable: " + e.getMessage(), e);
        } finally {
            timer.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * {@code documents} with their forward links from {@code found}, and the reverse links to documents among them
     * (a reverse link to a speech that is not published in this round, because the batch failed before it, is
     * found again when the speech is redelivered).
     */
    Linked apply(List<Document> documents, LinkFinder.Found found) {
        List<Document> out = new ArrayList<>(documents.size());
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Document d : documents) {
            ids.add(d.id());
            List<Link> own = found.forward().get(d.id());
            out.add(own == null ? d : d.toBuilder().links(LinkFinder.merge(d.links(), own)).build());
        }
        Map<String, List<Link>> reverse = new java.util.LinkedHashMap<>();
        found.reverse().forEach((forumId, links) -> {
            List<Link> kept = links.stream().filter(l -> ids.contains(l.targetId())).toList();
            if (!kept.isEmpty()) {
                reverse.put(forumId, kept);
            }
        });
        return new Linked(out, reverse);
    }
}
