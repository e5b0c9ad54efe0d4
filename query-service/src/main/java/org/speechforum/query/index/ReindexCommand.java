package org.speechforum.query.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code bin/reindex <version>}: query-service started as a one-off command (no web server, no listeners) that
 * rebuilds the index as {@code documents-v<version>} and exits with 0 when the aliases point at it.
 */
@Component
@ConditionalOnProperty("query.reindex.to-version")
class ReindexCommand implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ReindexCommand.class);

    private final ConfigurableApplicationContext context;
    private final Reindexer reindexer;
    private final int version;

    ReindexCommand(ConfigurableApplicationContext context, ElasticsearchClient client, IndexProperties index,
                   KafkaProperties kafka, ReindexProperties reindex) {
        this.context = context;
        this.reindexer = new Reindexer(client, index, String.join(",", kafka.getBootstrapServers()),
                reindex.bulkSize(), reindex.concurrentBulks(), reindex.threadRecordsPerPartition());
        this.version = reindex.toVersion();
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        int exit = 0;
        try {
            Reindexer.Result result = reindexer.reindexTo(version);
            log.info(String.format(java.util.Locale.ROOT, "Reindex done: %s replaced %s (%d documents from %d"
                            + " records in %.1f s, replay rate %.0f documents/s). Set QUERY_INDEX_VERSION=%d for the"
                            + " next deployment.", result.index(), result.previous(), result.documents(),
                    result.replayed(), result.seconds(), result.documentsPerSecond(), version));
        } catch (Exception e) {
            log.error("Reindex to version {} failed; the aliases were not switched unless logged above", version, e);
            exit = 1;
        }
        int code = exit;
        System.exit(SpringApplication.exit(context, () -> code));
    }
}
