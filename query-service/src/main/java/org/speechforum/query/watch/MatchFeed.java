package org.speechforum.query.watch;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.speechforum.contracts.DocumentJson;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Follows {@code watches.matches.v1} from its end, on every instance (no consumer group), and hands each match
 * to the {@link WatchStreams} of its watch: whichever instance published a match, every instance's subscribers
 * of that watch get it.
 */
@Component
class MatchFeed extends TopicTail {

    private final WatchStreams streams;

    MatchFeed(ConsumerFactory<String, byte[]> consumers, WatchStreams streams) {
        super(consumers, WatchTopics.MATCHES, false);
        this.streams = streams;
    }

    @Override
    protected void started(Map<Integer, Long> endOffsets) {
        streams.feedStarted(endOffsets);
    }

    @Override
    protected void handle(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        WatchMatch match = DocumentJson.mapper().readValue(record.value(), WatchMatch.class);
        streams.deliver(record.key(), new WatchStreams.Event(record.partition(), record.offset(), match.matchId(),
                new String(record.value(), StandardCharsets.UTF_8)));
    }
}
