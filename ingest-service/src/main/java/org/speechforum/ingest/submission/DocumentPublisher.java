package org.speechforum.ingest.submission;

import io.micrometer.core.instrument.MeterRegistry;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.contracts.Topics;
import org.speechforum.kafka.PipelineMetrics;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes canonical documents to {@code documents.raw.v1}, keyed by id so every version of a document lands
 * on the same partition in order, and returns only once Kafka acknowledged every one (acks=all).
 */
@Component
public class DocumentPublisher {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DocumentPublisher.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final MeterRegistry meters;
    private final Duration timeout;

    public DocumentPublisher(KafkaTemplate<String, byte[]> kafka, MeterRegistry meters,
                             IngestProperties properties) {
        this.kafka = kafka;
        this.meters = meters;
        this.timeout = properties.publishTimeout();
    }

    public void publish(List<Document> documents, String format) {
        CompletableFuture<?>[] sends = documents.stream()
                .map(d -> kafka.send(Topics.RAW, d.id(), DocumentJson.write(d)))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(sends).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new PublishFailed("Kafka did not acknowledge the documents", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailed("Interrupted while waiting for Kafka", e);
        }
        meters.counter(PipelineMetrics.DOCUMENTS_ACCEPTED, "format", format).increment(documents.size());
        if (log.isDebugEnabled()) {
            documents.forEach(d -> log.debug("Published {} {} ({})", d.kind(), d.id(), format));
        }
    }

    /** Kafka is unreachable or too slow; nothing is acknowledged to the client, who may safely retry. */
    public static class PublishFailed extends RuntimeException {
        PublishFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
