package org.speechforum.web.keys;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/** Wires {@link ApiKeyFilter} when {@code pipeline.api-keys.enabled} is true. */
@AutoConfiguration
@ConditionalOnProperty(prefix = "pipeline.api-keys", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(ApiKeyProperties.class)
public class ApiKeyConfiguration {

    /** Before the concurrency limit and body decoding of ingest (orders +10, +30): unknown callers cost nothing. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 5;
    private static final Logger log = LoggerFactory.getLogger(ApiKeyConfiguration.class);

    @Bean
    ApiKeySource apiKeySource(ApiKeyProperties properties) {
        ApiKey.Rate rate = properties.rateLimit() == null || properties.rateLimit().isBlank() ? null
                : ApiKey.Rate.parse(properties.rateLimit());
        List<ApiKey> configured = new ArrayList<>();
        for (ApiKeyProperties.Key key : properties.keys()) {
            configured.add(new ApiKey(key.name(), key.sha256(), key.scopes() == null ? Set.of() : Set.copyOf(key.scopes()),
                    key.rateLimit() == null ? rate : ApiKey.Rate.parse(key.rateLimit())));
        }
        String plain = properties.plainKey();
        if ((plain == null || plain.isBlank()) && configured.isEmpty() && properties.file() == null
                && properties.generateWhenEmpty()) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            plain = HexFormat.of().formatHex(random);
            log.warn("No API key is configured; generated key 'default' for this run: {}", plain);
        }
        if (plain != null && !plain.isBlank()) {
            // The plain key is hashed here and not kept.
            configured.add(new ApiKey("default", ApiKeys.sha256(plain), Set.of(properties.scope()), rate));
        }
        ApiKeySource source = new ApiKeySource(configured, properties.file(), properties.reloadInterval(), rate,
                Clock.systemUTC());
        if (source.current().isEmpty()) {
            log.error("pipeline.api-keys.enabled is true but no key is configured: every /api/ request gets 401");
        }
        return source;
    }

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(ApiKeySource source, ApiKeyProperties properties,
                                                      ObjectProvider<MeterRegistry> meters) {
        ApiKeyFilter filter = new ApiKeyFilter(source, new KeyRateLimits(), properties.scope(),
                meters.getIfAvailable(SimpleMeterRegistry::new));
        FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/api/*");
        registration.setOrder(ORDER);
        return registration;
    }
}
