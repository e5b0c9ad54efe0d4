package org.speechforum.query.index;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the template, index and aliases at start when Elasticsearch is there; when it is not, the service
 * still starts (readiness says not ready) and the indexer creates them on its first successful write.
 */
@Component
class IndexOnStartup implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(IndexOnStartup.class);

    private final DocumentIndex index;

    IndexOnStartup(DocumentIndex index) {
        this.index = index;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            index.ensureExists();
        } catch (Exception e) {
            log.warn("Elasticsearch is not reachable yet ({}); the index will be created on first write",
                    e.getMessage());
        }
    }
}
