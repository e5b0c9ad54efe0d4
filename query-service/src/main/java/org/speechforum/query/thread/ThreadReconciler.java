package org.speechforum.query.thread;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs {@link Threader#reconcile()} every {@code query.threads.reconcile-interval} (default 5 s), so orphans and
 * subtrees that a race between instances left behind converge. Elasticsearch being away only delays it.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ThreadReconciler {

    private static final Logger log = LoggerFactory.getLogger(ThreadReconciler.class);

    private final Threader threader;

    ThreadReconciler(Threader threader) {
        this.threader = threader;
    }

    @Scheduled(fixedDelayString = "${query.threads.reconcile-interval:5s}",
            initialDelayString = "${query.threads.reconcile-interval:5s}")
    void reconcile() {
        try {
            threader.reconcile();
        } catch (Exception e) {
            log.debug("Thread reconciliation skipped this round: {}", e.toString());
        }
    }
}
