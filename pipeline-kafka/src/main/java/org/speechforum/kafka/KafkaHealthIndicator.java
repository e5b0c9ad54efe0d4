package org.speechforum.kafka;

import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Up when the brokers answer a cluster description within the timeout; part of the readiness group. */
class KafkaHealthIndicator extends AbstractHealthIndicator {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final LazyAdmin admin;

    KafkaHealthIndicator(LazyAdmin admin) {
        super("Kafka health check failed");
        this.admin = admin;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        DescribeClusterResult cluster = admin.get().describeCluster(
                new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()));
        int nodes = cluster.nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
        builder.up()
                .withDetail("clusterId", cluster.clusterId().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .withDetail("nodes", nodes);
    }
}
