package org.speechforum.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;

import java.time.Duration;

/**
 * One Kafka Admin client per service for the health indicator and the DLQ depth gauge, created on first use so a
 * service starts even while the brokers are away, and closed with the context.
 */
class LazyAdmin implements DisposableBean {

    private final KafkaAdmin kafkaAdmin;
    private volatile Admin admin;

    LazyAdmin(KafkaAdmin kafkaAdmin) {
        this.kafkaAdmin = kafkaAdmin;
    }

    Admin get() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(kafkaAdmin.getConfigurationProperties());
                }
            }
        }
        return admin;
    }

    @Override
    public void destroy() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
