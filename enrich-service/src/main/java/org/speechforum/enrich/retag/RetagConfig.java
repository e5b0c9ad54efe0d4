package org.speechforum.enrich.retag;

import org.speechforum.enrich.pipeline.RawDocumentListener;
import org.speechforum.enrich.pipeline.TaggerVersion;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@link Retagger} over this service's own enrichment, and the {@code bin/retag} command when asked for. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetagProperties.class)
class RetagConfig {

    @Bean
    Retagger retagger(KafkaProperties kafka, RawDocumentListener listener, TaggerVersion taggerVersion) {
        return new Retagger(kafka.buildConsumerProperties(), listener::enrichAndPublish, taggerVersion.value());
    }

    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty("enrich.retag.run")
    RetagCommand retagCommand(org.springframework.context.ConfigurableApplicationContext context, Retagger retagger,
                              RetagProperties properties, io.micrometer.core.instrument.MeterRegistry meters) {
        return new RetagCommand(context, retagger, properties, meters);
    }
}
