package org.speechforum.query.lookup;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of {@code POST /api/v1/documents/_lookup}.
 *
 * @param maxIds the most ids one lookup takes (1 to 10,000); more are refused with 400, not cut
 */
@ConfigurationProperties("query.lookup")
public record LookupProperties(@DefaultValue("1000") int maxIds) {

    public LookupProperties {
        if (maxIds < 1 || maxIds > 10_000) {
            throw new IllegalArgumentException("query.lookup.max-ids must be between 1 and 10000, not " + maxIds);
        }
    }
}
