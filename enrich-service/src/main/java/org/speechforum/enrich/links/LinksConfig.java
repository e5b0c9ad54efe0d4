package org.speechforum.enrich.links;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires link finding: the link key index ({@code enrich.links.index}, an index enrich-service owns) and the finder. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LinkProperties.class)
class LinksConfig {

    @Bean
    ElasticLinkIndex linkIndex(ElasticsearchClient client,
                               @Value("${enrich.links.index:enrich-links-v1}") String index) {
        return new ElasticLinkIndex(client, index);
    }

    @Bean
    LinkFinder linkFinder(ElasticLinkIndex index, LinkProperties properties) {
        return new LinkFinder(index, properties);
    }
}
