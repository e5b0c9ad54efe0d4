package org.speechforum.enrich.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.speechforum.enrich.languages.LanguageProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.util.Map;
import java.util.TreeMap;

/** The {@link TaggerVersion} of this instance, from its build version and its tagger configuration. */
@Configuration(proxyBeanMethods = false)
class TaggerVersionConfig {

    private static final Logger log = LoggerFactory.getLogger(TaggerVersionConfig.class);

    @Bean
    TaggerVersion taggerVersion(Environment environment, LanguageProperties languages) {
        Map<String, Object> config = new TreeMap<>();
        Binder.get(environment).bind("enrich.entities", Bindable.mapOf(String.class, Object.class))
                .ifBound(entities -> config.put("enrich.entities", new TreeMap<>(entities)));
        config.put("enrich.languages.tagged", languages.tagged());
        // Any class of the jar names its build version (the manifest is the jar's); this package's own keeps the arrow
        // from reaching up into the application package.
        TaggerVersion version = TaggerVersion.of(TaggerVersion.class.getPackage().getImplementationVersion(),
                config, TaggerVersion.DATA);
        log.info("Tagger version {} (build version + hash of {} and the gazetteer files)", version, config);
        return version;
    }
}
