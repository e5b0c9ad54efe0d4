package org.speechforum.query.thread;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Thread API settings ({@code query.threads.*}).
 *
 * @param maxThreadSize the most documents one nested {@code GET /api/v1/threads} answer holds; a larger thread is
 *                      cut there and the answer says it was truncated ({@code view=flat} pages through any size).
 *                      Default 10000
 * @param pageSize      documents per search when a thread is read from the index (1 to 10,000). Default 1000
 */
@Validated
@ConfigurationProperties("query.threads")
public record ThreadingProperties(@DefaultValue("10000") @Min(1) int maxThreadSize,
                                  @DefaultValue("1000") @Min(1) @Max(10_000) int pageSize) {
}
