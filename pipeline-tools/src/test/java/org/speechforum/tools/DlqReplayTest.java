package org.speechforum.tools;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command line and the per-record decisions; the replay itself runs against a real broker in fault-tests. */
class DlqReplayTest {

    @Test
    void parsesTheDocumentedCommandLine() {
        DlqReplay.Options options = DlqReplay.Options.parse("--bootstrap-servers", "127.0.0.1:9092",
                "--topic", "documents.raw.v1.dlq", "--to", "documents.raw.v1", "--dry-run",
                "--property", "security.protocol=SSL");
        assertThat(options.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(options.to()).isEqualTo("documents.raw.v1");
        assertThat(options.dryRun()).isTrue();
        assertThat(options.group()).isEqualTo("dlq-replay.documents.raw.v1.dlq");
        assertThat(options.clientProperties()).containsEntry("security.protocol", "SSL");
    }

    @Test
    void refusesIncompleteOrAmbiguousCommandLines() {
        assertThatThrownBy(() -> DlqReplay.Options.parse("--topic", "documents.raw.v1.dlq"))
                .hasMessageContaining("--bootstrap-servers");
        assertThatThrownBy(() -> DlqReplay.Options.parse("--bootstrap-servers", "x:1", "--topic", "other"))
                .hasMessageContaining("--to");
        assertThatThrownBy(() -> DlqReplay.Options.parse("--bootstrap-servers", "x:1", "--topic", "a.dlq", "--bogus"))
                .hasMessageContaining("Unknown");
    }

    @Test
    void republishesToTheOriginalTopicWithoutTheDeadLetterHeaders() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("kafka_dlt-original-topic", "documents.enriched.v1".getBytes(StandardCharsets.UTF_8));
        headers.add("kafka_dlt-exception-message", "boom".getBytes(StandardCharsets.UTF_8));
        headers.add("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("documents.enriched.v1.dlq", 0, 7, 0L,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME, 0, 0, "k".getBytes(), "v".getBytes(),
                headers, java.util.Optional.empty());
        DlqReplay.Options byHeader = new DlqReplay.Options("x:1", "documents.enriched.v1.dlq", null, false);
        assertThat(DlqReplay.target(byHeader, record)).isEqualTo("documents.enriched.v1");
        DlqReplay.Options explicit = new DlqReplay.Options("x:1", "documents.enriched.v1.dlq", "elsewhere", false);
        assertThat(DlqReplay.target(explicit, record)).isEqualTo("elsewhere");
        assertThat(DlqReplay.withoutDltHeaders(record).toArray()).extracting(h -> h.key())
                .containsExactly("traceparent");
    }
}
