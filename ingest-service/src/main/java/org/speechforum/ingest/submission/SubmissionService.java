package org.speechforum.ingest.submission;


import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.speechforum.contracts.Document;
import org.speechforum.ingest.format.DocumentRefused;
import org.speechforum.ingest.format.DocumentRefused.Reason;
import org.speechforum.ingest.format.PayloadFormat;
import org.speechforum.kafka.PipelineMetrics;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every ingest endpoint does once it has a body and a format: parse through {@link SubmissionParser},
 * publish the accepted documents and wait for Kafka's acknowledgement, then answer.
 *
 * <p>Answers: 202 with every item's outcome in input order when at least one item was accepted (a batch may
 * hold refused items too, each with its problem); a problem+json (4xx) when nothing was accepted; 503 when
 * Kafka did not acknowledge (nothing is acknowledged to the client then).
 */
@Component
@EnableConfigurationProperties(IngestProperties.class)
public class SubmissionService {

    private final SubmissionParser parser = new SubmissionParser(Clock.systemUTC());
    private final DocumentPublisher publisher;
    private final MeterRegistry meters;
    private final IngestProperties properties;

    SubmissionService(DocumentPublisher publisher, MeterRegistry meters, IngestProperties properties) {
        this.publisher = publisher;
        this.meters = meters;
        this.properties = properties;
    }

    public long maxBodyBytes() {
        return properties.maxBodySize().toBytes();
    }

    /** The request body, refused with 413 as soon as it passes the configured limit. */
    public byte[] body(HttpServletRequest request) {
        long max = maxBodyBytes();
        if (request.getContentLengthLong() > max) {
            throw tooLarge(max);
        }
        try (InputStream in = request.getInputStream()) {
            return readLimited(in, max);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] readLimited(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            total += n;
            if (total > max) {
                throw tooLarge(max);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    public static DocumentRefused tooLarge(long max) {
        return new DocumentRefused(Reason.PAYLOAD_TOO_LARGE, "The body is larger than the limit of " + max
                + " bytes (ingest.max-body-size); split it into smaller batches", null);
    }

    public ResponseEntity<Map<String, Object>> ingest(PayloadFormat format, byte[] body, String source) {
        return ingest(format, body, source, null);
    }

    /** {@code textFormat}: the recogniser a text upload asked for with {@code format=} (null: detect). */
    public ResponseEntity<Map<String, Object>> ingest(PayloadFormat format, byte[] body, String source,
                                                      String textFormat) {
        ParsedSubmission parsed = parse(format, body, source, textFormat, format.metricName());
        if (parsed.noneAccepted()) {
            if (parsed.items().size() == 1) {
                throw parsed.items().getFirst().refusal();
            }
            throw new BatchRefused(answer(parsed));
        }
        publisher.publish(parsed.acceptedDocuments(), format.metricName());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer(parsed));
    }

    /**
     * The use case every entry point shares (HTTP endpoints and the scraper topic): refuse a body over the limit,
     * parse and validate it, count each refusal under {@code metricFormat}. Throws when the whole payload is
     * refused; otherwise the items, accepted or refused, in input order.
     */
    public ParsedSubmission parse(PayloadFormat format, byte[] body, String source, String textFormat,
                                  String metricFormat) {
        ParsedSubmission parsed;
        try {
            if (body != null && body.length > maxBodyBytes()) {
                throw tooLarge(maxBodyBytes());
            }
            parsed = parser.parse(format, body, source, textFormat);
        } catch (DocumentRefused refused) {
            countRefused(metricFormat, refused);
            throw refused;
        }
        parsed.refused().forEach(item -> countRefused(metricFormat, item.refusal()));
        return parsed;
    }

    private void countRefused(String metricFormat, DocumentRefused refused) {
        meters.counter(PipelineMetrics.DOCUMENTS_REFUSED, "format", metricFormat,
                "reason", refused.reason().slug()).increment();
    }

    static Map<String, Object> answer(ParsedSubmission parsed) {
        List<Map<String, Object>> documents = new ArrayList<>();
        List<Map<String, Object>> items = new ArrayList<>();
        int accepted = 0;
        for (ParsedSubmission.Item item : parsed.items()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("index", item.index());
            if (item.line() != null) {
                entry.put("line", item.line());
            }
            entry.put("status", item.status());
            if (item.isRefused()) {
                entry.put("problem", RefusalProblem.of(item.refusal()));
            } else {
                accepted++;
                List<Map<String, Object>> ids = new ArrayList<>();
                for (Document d : item.documents()) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("id", d.id());
                    doc.put("kind", d.kind().name());
                    doc.put("status", item.status());
                    if (d.parentId() != null) {
                        doc.put("parentId", d.parentId());
                    }
                    doc.put("item", item.index());
                    ids.add(doc);
                    documents.add(doc);
                }
                entry.put("documents", ids);
            }
            items.add(entry);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("format", parsed.format().metricName());
        if (parsed.upload() != null) {
            answer.put("recognised", UploadAnswer.recognised(parsed.upload()));
        }
        answer.put("accepted", accepted);
        answer.put("refused", parsed.items().size() - accepted);
        answer.put("documents", documents);
        answer.put("items", items);
        return answer;
    }

    /** No item of a batch was accepted: a 400 problem that still lists every item's refusal. */
    public static class BatchRefused extends RuntimeException {
        private final Map<String, Object> answer;

        BatchRefused(Map<String, Object> answer) {
            super("No item of the batch was accepted", null, false, false);
            this.answer = answer;
        }

        public Map<String, Object> answer() {
            return answer;
        }
    }
}
