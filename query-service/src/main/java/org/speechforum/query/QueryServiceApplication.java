package org.speechforum.query;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class QueryServiceApplication {

    /** Each service reads its own {@code <service>.yml}, so all three can also run side by side in one JVM. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(QueryServiceApplication.class)
                .properties("spring.config.name=query-service");
    }

    public static void main(String[] args) {
        SpringApplicationBuilder application = application();
        if (reindexCommand(args)) {
            // bin/reindex: a one-off command that needs the Elasticsearch client, the Kafka settings and the
            // reindexer, not the read API, the listeners, the watches, the topic set-up or the DLQ depth gauges. Beans are created
            // when first used, which cuts the command's start (docs/benchmarks.md, "One write per document").
            application.web(WebApplicationType.NONE).lazyInitialization(true)
                    .properties("spring.kafka.listener.auto-startup=false", "spring.kafka.admin.auto-create=false",
                            "pipeline.metrics.dlq-depth.enabled=false");
        }
        application.run(args);
    }

    /** {@code --query.reindex.to-version=N} among the arguments, or {@code QUERY_REINDEX_TO_VERSION} set. */
    static boolean reindexCommand(String[] args) {
        String env = System.getenv("QUERY_REINDEX_TO_VERSION");
        return (env != null && !env.isBlank())
                || java.util.Arrays.stream(args).anyMatch(a -> a.startsWith("--query.reindex.to-version="));
    }
}
