package org.speechforum.enrich.languages;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads the language models once, at start-up, and logs how long that took. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LanguageProperties.class)
class LanguagesConfig {

    private static final Logger log = LoggerFactory.getLogger(LanguagesConfig.class);

    @Bean
    LanguageDetection languageDetection(LanguageProperties properties) {
        LanguageDetection detection = LanguageDetection.create(properties);
        if (detection.enabled()) {
            log.info("Language detection ready in {} ms: lingua, {}; entities tagged in {}", detection.loadMillis(),
                    detection.languages(), properties.tagged().isEmpty() ? "every language" : properties.tagged());
        } else {
            log.info("Language detection off (enrich.languages.enabled=false): documents keep the declared language");
        }
        return detection;
    }
}
