package org.speechforum.query.watch;

import org.apache.kafka.clients.admin.NewTopic;
import org.speechforum.kafka.TopicProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

import java.util.Map;

/** The watch topics (created on start when missing) and this instance's copy of the watches. */
@Configuration
class WatchConfig {

    @Bean
    WatchRegistry watchRegistry() {
        return new WatchRegistry();
    }

    @Bean
    KafkaAdmin.NewTopics watchTopics(TopicProperties topics, WatchProperties watches) {
        if (!topics.create()) {
            return new KafkaAdmin.NewTopics();
        }
        NewTopic definitions = new NewTopic(WatchTopics.WATCHES, topics.partitions(), topics.replicationFactor())
                // The last record per watch id is the watch, a tombstone its deletion: compaction keeps exactly the
                // live watches for good, so every start can read them all.
                .configs(Map.of("cleanup.policy", "compact"));
        NewTopic matches = new NewTopic(WatchTopics.MATCHES, topics.partitions(), topics.replicationFactor())
                .configs(Map.of("retention.ms", String.valueOf(watches.matchRetention().toMillis())));
        return new KafkaAdmin.NewTopics(definitions, matches);
    }
}
