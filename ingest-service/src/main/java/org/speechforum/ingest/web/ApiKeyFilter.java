package org.speechforum.ingest.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.speechforum.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Ingest endpoints need the key from {@code INGEST_API_KEY} in the {@code X-API-Key} header. With no key
 * configured a random one is generated and logged, so a fresh install is never open to the network.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class ApiKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "X-API-Key";
    private static final Logger log = LoggerFactory.getLogger(ApiKeyFilter.class);

    private final byte[] expected;

    ApiKeyFilter(@Value("${ingest.api-key:}") String configured) {
        String key = configured;
        if (key == null || key.isBlank()) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            key = HexFormat.of().formatHex(random);
            log.warn("INGEST_API_KEY is not set; generated API key for this run: {}", key);
        }
        this.expected = key.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        // Constant-time comparison: the answer time must not tell how much of a guessed key was right.
        if (given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            chain.doFilter(request, response);
            return;
        }
        Problems.write(response, HttpStatus.UNAUTHORIZED.value(), null, null, Problems.detail(401));
    }
}
