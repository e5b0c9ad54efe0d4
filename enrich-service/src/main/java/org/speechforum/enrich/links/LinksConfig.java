package org.speechforum.enrich.links;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires link finding: the link key index ({@link LinkProperties#index()}, an index enrich-service owns) and the finder. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LinkProperties.class)
class LinksConfig {

    @Bean
    ElasticLinkIndex linkIndex(ElasticsearchClient client, LinkProperties properties) {
        return new ElasticLinkIndex(client, properties.index());
    }

    @Bean
    LinkFinder linkFinder(ElasticLinkIndex index, LinkProperties properties) {
        return new LinkFinder(index, properties);
    }
}
