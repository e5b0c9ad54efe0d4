package org.speechforum.query.thread;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Thread API knobs: the biggest nested answer, and the page size of the searches that read a thread. */
@ConfigurationProperties("query.threads")
public record ThreadingProperties(Integer maxThreadSize, Integer pageSize) {

    public ThreadingProperties {
        maxThreadSize = maxThreadSize == null ? 10_000 : maxThreadSize;
        pageSize = pageSize == null ? 1_000 : pageSize;
    }
}
