package org.speechforum.enrich.threads;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the thread state ({@code enrich.threads.index}, an index enrich-service owns) and the threader. */
@Configuration(proxyBeanMethods = false)
class ThreadingConfig {

    @Bean
    ElasticThreadState threadState(ElasticsearchClient client,
                                   @Value("${enrich.threads.index:enrich-threads-v1}") String index) {
        return new ElasticThreadState(client, index);
    }

    @Bean
    Threader threader(ElasticThreadState state) {
        return new Threader(state);
    }
}
