package org.speechforum.ingest.documents;

import io.micrometer.core.instrument.MeterRegistry;
import org.speechforum.contracts.Document;
import org.speechforum.kafka.PipelineMetrics;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.List;

@RestController
class DocumentController {

    private final CanonicalDocumentReader reader = new CanonicalDocumentReader(Clock.systemUTC());
    private final DocumentPublisher publisher;
    private final MeterRegistry meters;

    DocumentController(DocumentPublisher publisher, MeterRegistry meters) {
        this.publisher = publisher;
        this.meters = meters;
    }

    /** Canonical JSON: one document or an array. Answers once Kafka holds every document of the request. */
    @PostMapping(path = "/api/v1/documents", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    IngestResult submit(@RequestBody byte[] body) {
        List<Document> documents;
        try {
            documents = reader.read(body);
        } catch (DocumentRefused refused) {
            meters.counter(PipelineMetrics.DOCUMENTS_REFUSED, "format", "json", "reason", "invalid").increment();
            throw refused;
        }
        publisher.publish(documents, "json");
        return IngestResult.accepted(documents);
    }

    record IngestResult(List<Item> documents) {
        static IngestResult accepted(List<Document> documents) {
            return new IngestResult(documents.stream()
                    .map(d -> new Item(d.id(), d.kind().name(), "accepted"))
                    .toList());
        }
    }

    record Item(String id, String kind, String status) {
    }
}
