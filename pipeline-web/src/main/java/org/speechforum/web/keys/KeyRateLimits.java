package org.speechforum.web.keys;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Resilience4j rate limiter per key that has a rate (a key without one is not limited), per key name (permits refreshed every period, never waiting: a request over the
 * limit is answered at once). A key whose rate changes in the keys file gets a new limiter.
 */
public final class KeyRateLimits {

    private record Limiter(ApiKey.Rate rate, RateLimiter limiter) {
    }

    private final Map<String, Limiter> limiters = new ConcurrentHashMap<>();

    /** Empty when {@code key} may go ahead; else how long (nanoseconds) until its next permit. */
    public OptionalLong tryAcquire(ApiKey key) {
        if (key.rate() == null) {
            return OptionalLong.empty();
        }
        Limiter limiter = limiters.compute(key.name(), (name, existing) ->
                existing != null && existing.rate().equals(key.rate()) ? existing : create(key));
        if (limiter.limiter().acquirePermission()) {
            return OptionalLong.empty();
        }
        long nanos = limiter.limiter() instanceof AtomicRateLimiter atomic
                ? atomic.getDetailedMetrics().getNanosToWait() : key.rate().period().toNanos();
        return OptionalLong.of(Math.max(nanos, 1));
    }

    private static Limiter create(ApiKey key) {
        RateLimiterConfig config = RateLimiterConfig.custom()
                .limitForPeriod(key.rate().permits())
                .limitRefreshPeriod(key.rate().period())
                .timeoutDuration(Duration.ZERO)
                .build();
        return new Limiter(key.rate(), RateLimiter.of("api-key-" + key.name(), config));
    }
}
