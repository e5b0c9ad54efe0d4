package org.speechforum.kafka;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes {@value #SHARED} what it is meant to be: defaults. Every service imports it with {@code spring.config.import},
 * and Spring Boot gives an imported file precedence over the file that imports it, so without this a service's own
 * {@code <service>.yml} could not change a shared setting (query-service's readiness group, say). Right after Boot
 * has loaded the config files, this moves the shared file's documents (in their order, so its profile documents
 * still win over its plain one) below every other config file; command-line arguments, environment variables and
 * system properties stay above both, as before.
 */
public class SharedDefaultsLast implements EnvironmentPostProcessor, Ordered {

    /** The shared defaults every service imports. */
    public static final String SHARED = "pipeline-kafka.yml";

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        MutablePropertySources sources = environment.getPropertySources();
        List<PropertySource<?>> shared = new ArrayList<>();
        String lowestConfigFile = null;
        for (PropertySource<?> source : sources) {
            if (isShared(source)) {
                shared.add(source);
            } else if (isConfigFile(source)) {
                lowestConfigFile = source.getName();
            }
        }
        if (shared.isEmpty() || lowestConfigFile == null) {
            return;
        }
        shared.forEach(source -> sources.remove(source.getName()));
        // Sources iterate highest precedence first: adding each below the last keeps the shared file's own order.
        String below = lowestConfigFile;
        for (PropertySource<?> source : shared) {
            sources.addAfter(below, source);
            below = source.getName();
        }
    }

    private static boolean isShared(PropertySource<?> source) {
        return isConfigFile(source) && source.getName().contains("[" + SHARED + "]");
    }

    /** Boot names the sources of config files "Config resource '…' via location '…'". */
    private static boolean isConfigFile(PropertySource<?> source) {
        return source.getName().startsWith("Config resource ");
    }
}
