package org.speechforum.query.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * Browser access to the read API from other origins ({@code query.cors.*}).
 *
 * @param allowedOrigins origins (e.g. {@code https://grafana.example.org}) whose pages may call {@code /api/**}
 *                       with GET (env {@code QUERY_CORS_ALLOWED_ORIGINS}, comma-separated). Default none: no
 *                       cross-origin access
 */
@ConfigurationProperties("query.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins) {

    public CorsProperties {
        allowedOrigins = allowedOrigins.stream().filter(origin -> !origin.isBlank()).toList();
    }
}
