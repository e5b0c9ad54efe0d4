package org.speechforum.ingest.web;

import org.speechforum.ingest.submission.IngestProperties;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.speechforum.web.Problems;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.concurrent.Semaphore;

/**
 * Keeps a flood of uploads from exhausting the heap: at most {@code ingest.max-concurrent-requests} API requests
 * are in flight at once (each may hold its whole body and its parsed documents in memory while Kafka acknowledges
 * them); beyond that the request is answered at once with {@code 429 Too Many Requests}, a {@code Retry-After}
 * header and a problem+json body, before its body is read. A request announcing a body larger than
 * {@code ingest.max-body-size} gets {@code 413} the same way. Health and metrics endpoints are never limited,
 * so a flooded service still reports itself.
 *
 * <p>Worst-case memory held by uploads is therefore about max-concurrent-requests x max-body-size x a small
 * factor for the parsed copy; the defaults (32 x 10 MB) suit a 512 MB heap.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ConcurrencyLimitFilter extends OncePerRequestFilter {

    static final String RETRY_AFTER_SECONDS = "1";
    private static final Logger log = LoggerFactory.getLogger(ConcurrencyLimitFilter.class);

    private final int maxConcurrent;
    private final long maxRequestBytes;
    private final Semaphore permits;
    private final Counter tooMany;
    private final Counter tooLarge;

    @Autowired
    ConcurrencyLimitFilter(IngestProperties properties, MeterRegistry meters) {
        this(properties.maxConcurrentRequests(), properties.maxBodySize(), meters);
    }

    ConcurrencyLimitFilter(int maxConcurrent, DataSize maxRequestSize, MeterRegistry meters) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("ingest.max-concurrent-requests must be at least 1, not "
                    + maxConcurrent);
        }
        this.maxConcurrent = maxConcurrent;
        this.maxRequestBytes = maxRequestSize.toBytes();
        this.permits = new Semaphore(maxConcurrent);
        this.tooMany = Counter.builder("ingest.requests.rejected").tag("reason", "too-many-requests")
                .description("API requests turned away before their body was read").register(meters);
        this.tooLarge = Counter.builder("ingest.requests.rejected").tag("reason", "too-large")
                .description("API requests turned away before their body was read").register(meters);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxRequestBytes) {
            tooLarge.increment();
            refuse(response, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Body too large",
                    "The body is larger than the limit of " + maxRequestBytes
                            + " bytes (ingest.max-body-size); split it into smaller batches");
            return;
        }
        if (!permits.tryAcquire()) {
            tooMany.increment();
            log.debug("Refusing {} {}: {} requests already in flight", request.getMethod(), request.getRequestURI(),
                    maxConcurrent);
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            refuse(response, HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "Too many requests",
                    "The service is handling as many uploads as it can; nothing was accepted. Retry after "
                            + RETRY_AFTER_SECONDS + " s.");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }

    /** Requests in flight right now. */
    int inFlight() {
        return maxConcurrent - permits.availablePermits();
    }

    private static void refuse(HttpServletResponse response, HttpStatus status, String slug, String title,
                               String detail) throws IOException {
        // Fixed texts only: nothing from the request is echoed back.
        Problems.write(response, status.value(), slug, title, detail);
    }
}
