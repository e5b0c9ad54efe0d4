package org.speechforum.web.keys;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.speechforum.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The {@code /api/} endpoints need a key in {@code X-API-Key} that has this service's scope: no key or an unknown
 * one gets 401, a key without the scope 403, a key over its rate 429 with {@code Retry-After}; all problem+json,
 * before the body is read. The key's name is the request attribute {@link #CLIENT}, the log field {@code client}
 * (MDC) and the {@code client} tag of {@code pipeline.api.requests}.
 */
public class ApiKeyFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-API-Key";
    /** Request attribute and MDC key holding the name of the key that was used. */
    public static final String CLIENT = "client";
    private static final Logger log = LoggerFactory.getLogger(ApiKeyFilter.class);

    private final ApiKeySource keys;
    private final KeyRateLimits limits;
    private final String scope;
    private final MeterRegistry meters;

    public ApiKeyFilter(ApiKeySource keys, KeyRateLimits limits, String scope, MeterRegistry meters) {
        this.keys = keys;
        this.limits = limits;
        this.scope = scope;
        this.meters = meters;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // CORS preflights carry no custom header; the browser sends the key with the request itself.
        return !request.getRequestURI().startsWith("/api/") || "OPTIONS".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<ApiKey> found = keys.current().find(request.getHeader(HEADER));
        if (found.isEmpty()) {
            count("unknown", "unauthorized");
            log.info("Refused {} {}: {}", request.getMethod(), request.getRequestURI(),
                    request.getHeader(HEADER) == null ? "no API key" : "unknown API key");
            Problems.write(response, 401, null, null, Problems.detail(401));
            return;
        }
        ApiKey key = found.get();
        if (!key.allows(scope)) {
            count(key.name(), "forbidden");
            log.info("Refused {} {}: key {} lacks scope {}", request.getMethod(), request.getRequestURI(),
                    key.name(), scope);
            Problems.write(response, 403, "scope-not-granted", "Scope not granted", "The key '" + key.name()
                    + "' may not use this service's API (it needs scope '" + scope + "'; the key has "
                    + String.join(", ", key.scopes().stream().sorted().toList()) + ").");
            return;
        }
        OptionalLong wait = limits.tryAcquire(key);
        if (wait.isPresent()) {
            count(key.name(), "rate-limited");
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait.getAsLong() + 999_999_999L));
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            Problems.write(response, 429, "rate-limited", "Rate limit reached", "The key '" + key.name()
                    + "' may send " + key.rate() + " requests; nothing was done. Retry after " + seconds + " s.");
            return;
        }
        count(key.name(), "accepted");
        request.setAttribute(CLIENT, key.name());
        MDC.put(CLIENT, key.name());
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(CLIENT);
        }
    }

    private void count(String client, String outcome) {
        meters.counter("pipeline.api.requests", "client", client, "outcome", outcome).increment();
    }
}
