package org.speechforum.ingest.submission;

import org.speechforum.ingest.format.PayloadFormat;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.Topics;
import org.speechforum.ingest.format.DocumentRefused;
import org.speechforum.kafka.DownstreamUnavailable;
import org.speechforum.kafka.PermanentFailure;
import org.speechforum.kafka.PipelineMetrics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The scraper topic {@code ingest.submissions.v1}: each record is one payload of any kind ingest takes, named
 * by its {@code content-type} header (optional {@code source} and {@code format} headers for text uploads, as
 * the upload endpoint's parameters), parsed by the same
 * {@link SubmissionParser} as the HTTP endpoints.
 *
 * <p>Documents are published to documents.raw.v1 and acknowledged by Kafka before the batch's offsets are
 * committed. A record that is refused, wholly or in part (an NDJSON record with a bad line), goes to
 * {@code ingest.submissions.v1.dlq} with its original bytes and the reason in the
 * {@code kafka_dlt-exception-message} header; the good items of a partly refused record are still published,
 * and re-producing the whole record after fixing it is harmless (same ids).
 */
@Component
class SubmissionListener {

    static final String CONTENT_TYPE_HEADER = "content-type";
    static final String SOURCE_HEADER = "source";
    /** Forces a text recogniser, like {@code format=} on the upload endpoint; an unknown one is refused. */
    static final String FORMAT_HEADER = "format";
    private static final Set<PayloadFormat> ANY = EnumSet.allOf(PayloadFormat.class);

    private final DocumentPublisher publisher;
    private final SubmissionService submissions;
    private final MeterRegistry meters;

    SubmissionListener(DocumentPublisher publisher, SubmissionService submissions, MeterRegistry meters) {
        this.publisher = publisher;
        this.submissions = submissions;
        this.meters = meters;
    }

    @KafkaListener(id = "ingest-submissions", topics = Topics.SUBMISSIONS)
    void onSubmissions(List<ConsumerRecord<String, byte[]>> records) {
        List<Document> pending = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            String refusal;
            String format = "unknown";
            try {
                PayloadFormat payloadFormat;
                try {
                    payloadFormat = PayloadFormat.of(header(record, CONTENT_TYPE_HEADER), ANY);
                } catch (DocumentRefused unknownType) {
                    count(unknownType, record);
                    throw unknownType;
                }
                format = payloadFormat.metricName();
                ParsedSubmission parsed = submissions.parse(payloadFormat, record.value(),
                        header(record, SOURCE_HEADER), header(record, FORMAT_HEADER), "kafka");
                pending.addAll(parsed.acceptedDocuments());
                List<ParsedSubmission.Item> refused = parsed.refused();
                refusal = refused.isEmpty() ? null : refused.size() + " of " + parsed.items().size()
                        + " items refused; first: " + describe(refused.getFirst().refusal());
            } catch (DocumentRefused refused) {
                refusal = describe(refused);
            }
            if (refusal != null) {
                publish(pending, format);
                throw new BatchListenerFailedException(refusal, new PermanentFailure(refusal), i);
            }
        }
        publish(pending, "kafka");
    }

    private void publish(List<Document> documents, String format) {
        if (documents.isEmpty()) {
            return;
        }
        try {
            publisher.publish(documents, "kafka-" + format);
        } catch (DocumentPublisher.PublishFailed e) {
            throw new DownstreamUnavailable("documents.raw.v1 did not acknowledge", e);
        }
        documents.clear();
    }

    private void count(DocumentRefused refused, ConsumerRecord<String, byte[]> record) {
        meters.counter(PipelineMetrics.DOCUMENTS_REFUSED, "format", "kafka", "reason", refused.reason().slug())
                .increment();
    }

    /** "invalid-document: Missing required field 'source' (field /source, line 3)". */
    static String describe(DocumentRefused refused) {
        StringBuilder text = new StringBuilder(refused.reason().slug()).append(": ").append(refused.getMessage());
        if (refused.field() != null || refused.line() != null) {
            text.append(" (");
            if (refused.field() != null) {
                text.append("field ").append(refused.field());
            }
            if (refused.line() != null) {
                text.append(refused.field() != null ? ", " : "").append("line ").append(refused.line());
            }
            text.append(')');
        }
        return text.toString();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        for (Header header : record.headers()) {
            if (header.key().equalsIgnoreCase(name) && header.value() != null) {
                return new String(header.value(), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

}
