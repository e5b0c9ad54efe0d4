package org.speechforum.kafka;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service's own yml wins over the shared pipeline-kafka.yml it imports; the shared file still supplies what the
 * service does not set (its profile documents included), and the command line still wins over both.
 */
class SharedDefaultsLastTest {

    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }

    private static ConfigurableApplicationContext start(String... args) {
        return new SpringApplicationBuilder(Empty.class).web(WebApplicationType.NONE)
                .properties("spring.config.name=shared-defaults-test").run(args);
    }

    @Test
    void theServicesOwnFileWinsOverTheSharedDefaults() {
        try (ConfigurableApplicationContext context = start()) {
            Environment environment = context.getEnvironment();
            assertThat(environment.getProperty("management.endpoint.health.group.readiness.include"))
                    .isEqualTo("readinessState,kafka,elasticsearch");
            assertThat(environment.getProperty("pipeline.topics.partitions")).isEqualTo("7");
            // Not set by the service: the shared default.
            assertThat(environment.getProperty("management.endpoint.health.show-details")).isEqualTo("when-authorized");
            assertThat(environment.getProperty("spring.kafka.producer.acks")).isEqualTo("all");
        }
    }

    @Test
    void theCommandLineStillWinsAndSharedProfileDocumentsStillApply() {
        try (ConfigurableApplicationContext context = start("--pipeline.topics.partitions=9",
                "--spring.profiles.active=json")) {
            Environment environment = context.getEnvironment();
            assertThat(environment.getProperty("pipeline.topics.partitions")).isEqualTo("9");
            assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
        }
    }
}
