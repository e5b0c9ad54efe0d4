package org.speechforum.enrich.languages;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts loading the language models at start-up, on a thread of their own, and logs how long that took: the entity
 * models load meanwhile ({@code EnrichmentConfig} waits for both before the service takes documents).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LanguageProperties.class)
class LanguagesConfig {

    private static final Logger log = LoggerFactory.getLogger(LanguagesConfig.class);

    @Bean
    LanguageDetection languageDetection(LanguageProperties properties) {
        LanguageDetection detection = LanguageDetection.loading(properties);
        if (detection.enabled()) {
            Thread.ofPlatform().name("lingua-load-log").daemon(true).start(() -> {
                try {
                    log.info("Language detection ready in {} ms (loaded beside the entity models): lingua, {}; "
                            + "entities tagged in {}", detection.awaitLoaded().loadMillis(), detection.languages(),
                            properties.tagged().isEmpty() ? "every language" : properties.tagged());
                } catch (RuntimeException e) {
                    // EnrichmentConfig's awaitLoaded() fails the start-up with the same exception.
                    log.error("Language detection failed to load", e);
                }
            });
        } else {
            log.info("Language detection off (enrich.languages.enabled=false): documents keep the declared language");
        }
        return detection;
    }
}
