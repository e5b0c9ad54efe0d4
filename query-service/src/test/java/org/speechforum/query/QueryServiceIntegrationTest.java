package org.speechforum.query;

import org.speechforum.localstack.TestEngines;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.AliasFor;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/**
 * query-service as it runs, on a random port, reading {@code query-service.yml}, against this JVM's real Kafka broker
 * and Elasticsearch node ({@link TestEngines}, started on first use). The one way query-service's integration tests
 * start it; {@link #properties()} adds a test's own settings. Test classes with the same properties share one
 * application context, as Spring's test context cache does for any equal configuration.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "spring.config.name=query-service")
@ContextConfiguration(initializers = QueryServiceIntegrationTest.Engines.class)
public @interface QueryServiceIntegrationTest {

    /** Further settings of this test, e.g. {@code "query.export.page-size=50"}. */
    @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
    String[] properties() default {};

    /** Points the Kafka and Elasticsearch clients at the engines, above every other property source. */
    class Engines implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-engines", Map.of(
                    "spring.kafka.bootstrap-servers", TestEngines.kafkaBootstrapServers(),
                    "spring.elasticsearch.uris", TestEngines.elasticsearchUrl())));
        }
    }
}
