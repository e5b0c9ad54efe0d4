package org.speechforum.query.lookup;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of {@code POST /api/v1/documents/_lookup} ({@code query.lookup.*}).
 *
 * @param maxIds the most ids one lookup takes (1 to 10,000); more are refused with 400, not cut. Default 1000
 */
@Validated
@ConfigurationProperties("query.lookup")
public record LookupProperties(@DefaultValue("1000") @Min(1) @Max(10_000) int maxIds) {
}
