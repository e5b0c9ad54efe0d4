package org.speechforum.kafka;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the services create the pipeline topics on start when they are missing ({@code pipeline.topics.*}).
 *
 * @param partitions        partitions of each topic the services create; they bound how many consumers of a
 *                          group work in parallel. Default 3
 * @param replicationFactor replicas of each topic the services create; set 3 on a production cluster. Default 1
 * @param create            create the topics (and their {@code .dlq} topics) when they are missing; false where
 *                          an operator creates them. Default true
 */
@Validated
@ConfigurationProperties("pipeline.topics")
public record TopicProperties(@DefaultValue("3") @Min(1) int partitions,
                              @DefaultValue("1") @Min(1) short replicationFactor,
                              @DefaultValue("true") boolean create) {
}
