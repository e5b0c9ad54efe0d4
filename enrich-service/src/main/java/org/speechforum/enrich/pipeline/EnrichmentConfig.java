package org.speechforum.enrich.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.speechforum.enrich.entities.EntityPipeline;
import org.speechforum.enrich.entities.ThreadMemory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Loads the tagging models and gazetteer once, at start-up, and sizes the tagging pool to the cores. */
@Configuration(proxyBeanMethods = false)
class EnrichmentConfig {

    private static final Logger log = LoggerFactory.getLogger(EnrichmentConfig.class);

    @Bean
    DocumentEnricher documentEnricher() {
        long t0 = System.nanoTime();
        EntityPipeline pipeline = EntityPipeline.createDefault();
        log.info("Entity tagging ready in {} ms: {} curated and country entities",
                (System.nanoTime() - t0) / 1_000_000, pipeline.gazetteer().entities().size());
        return new DocumentEnricher(Clock.systemUTC(), pipeline, new ThreadMemory(100_000));
    }

    @Bean(destroyMethod = "shutdown")
    ExecutorService taggingPool() {
        return Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(),
                Thread.ofPlatform().name("tagging-", 0).daemon(true).factory());
    }
}
