package org.speechforum.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the services create the pipeline topics on start when they are missing. On a production cluster set
 * {@code pipeline.topics.replication-factor=3}; partitions bound how many consumers of a group work in parallel.
 */
@ConfigurationProperties("pipeline.topics")
public record TopicProperties(Integer partitions, Short replicationFactor, Boolean create) {

    public TopicProperties {
        partitions = partitions == null ? 3 : partitions;
        replicationFactor = replicationFactor == null ? 1 : replicationFactor;
        create = create == null || create;
    }
}
