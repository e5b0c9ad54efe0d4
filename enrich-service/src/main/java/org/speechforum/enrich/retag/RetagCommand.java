package org.speechforum.enrich.retag;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code bin/retag}: enrich-service started as a one-off command (no web server, no listener) that re-tags the
 * raw documents {@link RetagProperties} select and exits: 0 when complete, 3 when stopped by
 * {@code enrich.retag.limit} (run it again to go on), 1 on failure (also resumable).
 */
class RetagCommand implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RetagCommand.class);

    private final ConfigurableApplicationContext context;
    private final Retagger retagger;
    private final RetagProperties properties;

    RetagCommand(ConfigurableApplicationContext context, Retagger retagger, RetagProperties properties) {
        this.context = context;
        this.retagger = retagger;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        int exit;
        try {
            Retagger.Result result = retagger.run(properties.name(), properties.filter(), properties.limit(),
                    properties.batchSize(), properties.progressEvery());
            exit = result.complete() ? 0 : 3;
        } catch (Exception e) {
            log.error("Re-tag failed; what was committed stays done, run the same command again to resume", e);
            exit = 1;
        }
        int code = exit;
        System.exit(SpringApplication.exit(context, () -> code));
    }
}
