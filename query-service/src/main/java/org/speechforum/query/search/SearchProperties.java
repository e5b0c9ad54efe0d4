package org.speechforum.query.search;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code maxPageSize}: the largest {@code size} a search accepts; larger asks are refused, not truncated. */
@ConfigurationProperties("query.search")
public record SearchProperties(int maxPageSize) {
}
