package org.speechforum.query.thread;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Threading knobs: how often the reconciler re-checks orphans and recently touched roots, how long a root stays
 * "recent" (the window in which a concurrent instance's move can have left a stale place behind), and the
 * biggest thread the read API returns.
 */
@ConfigurationProperties("query.threads")
public record ThreadingProperties(Duration reconcileInterval, Duration recentRootWindow, Integer maxThreadSize,
                                  Integer pageSize) {

    public ThreadingProperties {
        reconcileInterval = reconcileInterval == null ? Duration.ofSeconds(5) : reconcileInterval;
        recentRootWindow = recentRootWindow == null ? Duration.ofMinutes(2) : recentRootWindow;
        maxThreadSize = maxThreadSize == null ? 10_000 : maxThreadSize;
        pageSize = pageSize == null ? 1_000 : pageSize;
    }
}
