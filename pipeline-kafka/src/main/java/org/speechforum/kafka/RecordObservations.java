package org.speechforum.kafka;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;

import java.util.function.Supplier;

/**
 * Per-record observation for batch listeners. Spring Kafka observes each record of a batch only for an instant
 * before the batch listener runs, so work done inside a batch listener (log lines, sends to the next topic) runs
 * outside any trace. Wrapping the work for one record in {@link #observe} continues the trace whose context came
 * in the record's headers ({@code traceparent}): logs written inside carry its trace id, records sent inside
 * carry it on to the next topic, and the time is recorded as the timer {@code pipeline.record.process} (tags:
 * listener id, topic), which is enrich-service's enrichment latency and the indexer's per-document latency.
 */
public final class RecordObservations {

    /** Timer (and long-task timer {@code .active}) recorded around each observed record. */
    public static final String NAME = "pipeline.record.process";

    private static final KafkaListenerObservation.DefaultKafkaListenerObservationConvention CONVENTION =
            new KafkaListenerObservation.DefaultKafkaListenerObservationConvention() {
                @Override
                public String getName() {
                    return NAME;
                }

                @Override
                public String getContextualName(KafkaRecordReceiverContext context) {
                    return context.getSource() + " process";
                }
            };

    private final ObservationRegistry registry;

    public RecordObservations(ObservationRegistry registry) {
        this.registry = registry;
    }

    /** Runs {@code work} for one record of listener {@code listenerId} inside that record's trace. */
    public <T> T observe(String listenerId, ConsumerRecord<?, ?> record, Supplier<T> work) {
        return observation(listenerId, record).observe(work);
    }

    /** Runs {@code work} for one record of listener {@code listenerId} inside that record's trace. */
    public void observe(String listenerId, ConsumerRecord<?, ?> record, Runnable work) {
        observation(listenerId, record).observe(work);
    }

    private Observation observation(String listenerId, ConsumerRecord<?, ?> record) {
        return Observation.createNotStarted(CONVENTION,
                () -> new KafkaRecordReceiverContext(record, listenerId, () -> null), registry);
    }
}
