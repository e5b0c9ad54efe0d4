package org.speechforum.query.search;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Search settings ({@code query.search.*}).
 *
 * @param maxPageSize the largest {@code size} a search accepts (1 to 10,000, Elasticsearch's window); larger asks
 *                    are refused with 400, not truncated. Default 100
 * @param facetSample about how many matches a search's facets are counted over when there are more than twice
 *                    as many: above that, the facets are estimated from a random sample of this size and the answer
 *                    says so ({@code facets.sample}). 100 to 1,000,000; default 10,000
 */
@Validated
@ConfigurationProperties("query.search")
public record SearchProperties(@DefaultValue("100") @Min(1) @Max(10_000) int maxPageSize,
                               @DefaultValue("10000") @Min(100) @Max(1_000_000) int facetSample) {
}
