package org.speechforum.query;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class QueryServiceApplication {

    /** Each service reads its own {@code <service>.yml}, so all three can also run side by side in one JVM. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(QueryServiceApplication.class)
                .properties("spring.config.name=query-service");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
