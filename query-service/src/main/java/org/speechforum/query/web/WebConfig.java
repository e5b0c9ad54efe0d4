package org.speechforum.query.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/**
 * Dashboards on other origins (Grafana, a newsroom's pages) may call the read API when their origin is listed
 * in {@link CorsProperties#allowedOrigins()}; the API is read-only, so only GET is allowed.
 */
@Configuration
class WebConfig implements WebMvcConfigurer {

    private final List<String> allowedOrigins;

    WebConfig(CorsProperties cors) {
        this.allowedOrigins = cors.allowedOrigins();
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        if (!allowedOrigins.isEmpty()) {
            registry.addMapping("/api/**")
                    .allowedOrigins(allowedOrigins.toArray(String[]::new))
                    .allowedMethods("GET", "HEAD", "OPTIONS")
                    .maxAge(3600);
        }
    }

    @Bean
    OpenAPI queryApi() {
        return new OpenAPI().info(new Info()
                .title("Speech & forum pipeline: read API")
                .version("v1")
                .description("""
                        Search, entities and statistics over speeches and the forum discussions about them, for \
                        dashboards. All answers are JSON; errors are application/problem+json (RFC 9457). \
                        Dates are ISO-8601 (2024-01-31 or 2024-01-31T12:00:00Z).""")
                .license(new License().name("Apache-2.0")));
    }
}
