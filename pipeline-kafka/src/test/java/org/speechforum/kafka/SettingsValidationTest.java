package org.speechforum.kafka;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The settings records are validated at start: a wrong value stops the start and names the property. */
class SettingsValidationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({TopicProperties.class, MetricsProperties.class})
    static class Settings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class);

    @Test
    void theDefaultsBindWithoutAnyConfiguration() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(TopicProperties.class)).isEqualTo(new TopicProperties(3, (short) 1, true));
            assertThat(context.getBean(MetricsProperties.class).dlqDepth().refresh()).isEqualTo(Duration.ofSeconds(30));
        });
    }

    @Test
    void aWrongValueStopsTheStartAndNamesTheProperty() {
        runner.withPropertyValues("pipeline.topics.partitions=0").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("pipeline.topics.partitions"));
        runner.withPropertyValues("pipeline.metrics.readiness.refresh=0s").run(context -> assertThat(context)
                .hasFailed().getFailure().rootCause().hasMessageContaining("pipeline.metrics.readiness.refresh"));
    }
}
