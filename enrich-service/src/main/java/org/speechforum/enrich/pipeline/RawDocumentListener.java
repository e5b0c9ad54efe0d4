package org.speechforum.enrich.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.contracts.Topics;
import org.speechforum.kafka.DownstreamUnavailable;
import org.speechforum.kafka.PipelineMetrics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * documents.raw.v1 → enrich → documents.enriched.v1. The batch's offsets are committed when this method
 * returns, which is only after Kafka acknowledged every enriched document; a record that cannot be enriched is
 * reported by index, so the error handler commits the ones before it and retries, then dead-letters, just it.
 */
@Component
class RawDocumentListener {

    private final DocumentEnricher enricher;
    private final KafkaTemplate<String, byte[]> kafka;
    private final MeterRegistry meters;

    RawDocumentListener(KafkaTemplate<String, byte[]> kafka, MeterRegistry meters,
                        @Value("${enrich.derive-missing-ids:false}") boolean deriveMissingIds) {
        this.kafka = kafka;
        this.meters = meters;
        this.enricher = new DocumentEnricher(Clock.systemUTC(), deriveMissingIds);
    }

    @KafkaListener(id = "enrich-service", topics = Topics.RAW)
    void onRawDocuments(List<ConsumerRecord<String, byte[]>> records) {
        List<CompletableFuture<?>> sends = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            Document enriched;
            try {
                enriched = enricher.enrich(DocumentJson.read(records.get(i).value()));
            } catch (RuntimeException e) {
                awaitAll(sends);
                meters.counter(PipelineMetrics.DOCUMENTS_ENRICHED).increment(sends.size());
                // Malformed JSON and documents that can never be enriched (PermanentFailure, e.g. no id) are
                // dead-lettered at once; anything else gets bounded retries.
                throw new BatchListenerFailedException("Cannot enrich " + records.get(i).key(), e, i);
            }
            sends.add(kafka.send(Topics.ENRICHED, enriched.id(), DocumentJson.write(enriched)));
        }
        awaitAll(sends);
        meters.counter(PipelineMetrics.DOCUMENTS_ENRICHED).increment(records.size());
    }

    private static void awaitAll(List<CompletableFuture<?>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get();
        } catch (ExecutionException e) {
            throw new DownstreamUnavailable("Kafka did not acknowledge enriched documents", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownstreamUnavailable("Interrupted while publishing enriched documents", e);
        }
    }
}
