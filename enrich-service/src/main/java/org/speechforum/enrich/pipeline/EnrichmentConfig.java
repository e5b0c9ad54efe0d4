package org.speechforum.enrich.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.speechforum.enrich.entities.EntityPipeline;
import org.speechforum.enrich.entities.EntityType;
import org.speechforum.enrich.entities.ThreadMemory;
import org.speechforum.enrich.languages.LanguageDetection;
import org.speechforum.enrich.languages.LanguageProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Loads the tagging models and gazetteer once, at start-up, and sizes the tagging pool to the cores. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EnrichmentProperties.class)
class EnrichmentConfig {

    private static final Logger log = LoggerFactory.getLogger(EnrichmentConfig.class);

    /** Settings: {@link EnrichmentProperties} ({@code enrich.entities.statistical.*}, {@code enrich.derive-missing-ids}). */
    @Bean
    DocumentEnricher documentEnricher(EnrichmentProperties properties, LanguageDetection languages,
                                      LanguageProperties languageProperties, TaggerVersion taggerVersion) {
        boolean statistical = properties.entities().statistical().enabled();
        List<EntityType> statisticalTypes = properties.entities().statistical().types();
        boolean deriveMissingIds = properties.deriveMissingIds();
        long t0 = System.nanoTime();
        // lingua is loading on its own thread (LanguagesConfig) while the entity models load here.
        EntityPipeline pipeline = pipelineFor(statistical, statisticalTypes);
        long tagging = (System.nanoTime() - t0) / 1_000_000;
        languages.awaitLoaded();
        log.info("Entity tagging ready in {} ms: {} curated and country entities, statistical layer {}; with language"
                        + " detection {} ms", tagging, pipeline.gazetteer().entities().size(),
                pipeline.statistical().map(s -> "NLP4J " + statisticalTypes + " (model loaded in "
                        + s.modelLoadMillis() + " ms)").orElse("off"), (System.nanoTime() - t0) / 1_000_000);
        return new DocumentEnricher(Clock.systemUTC(), pipeline, new ThreadMemory(100_000), deriveMissingIds,
                languages, java.util.Set.copyOf(languageProperties.tagged()), taggerVersion.value());
    }

    /** The users' configuration (lists, rules and the model) or the light one (lists and rules, no model). */
    static EntityPipeline pipelineFor(boolean statistical, List<EntityType> statisticalTypes) {
        return statistical
                ? EntityPipeline.createWithStatistical(EnumSet.copyOf(statisticalTypes))
                : EntityPipeline.createRulesOnly();
    }

    @Bean(destroyMethod = "shutdown")
    ExecutorService taggingPool() {
        return Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(),
                Thread.ofPlatform().name("tagging-", 0).daemon(true).factory());
    }
}
