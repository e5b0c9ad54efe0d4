package org.speechforum.ingest;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

@SpringBootApplication
public class IngestServiceApplication {

    /** Each service reads its own {@code <service>.yml}, so all three can also run side by side in one JVM. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(IngestServiceApplication.class)
                .properties("spring.config.name=ingest-service");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
