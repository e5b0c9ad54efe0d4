package org.speechforum.enrich.threads;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the thread state ({@link ThreadProperties#index()}, an index enrich-service owns) and the threader. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ThreadProperties.class)
class ThreadingConfig {

    @Bean
    ElasticThreadState threadState(ElasticsearchClient client, ThreadProperties properties) {
        return new ElasticThreadState(client, properties.index());
    }

    @Bean
    Threader threader(ElasticThreadState state) {
        return new Threader(state);
    }
}
