package org.speechforum.enrich;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

@SpringBootApplication
public class EnrichServiceApplication {

    /** Each service reads its own {@code <service>.yml}, so all three can also run side by side in one JVM. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(EnrichServiceApplication.class)
                .properties("spring.config.name=enrich-service");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
