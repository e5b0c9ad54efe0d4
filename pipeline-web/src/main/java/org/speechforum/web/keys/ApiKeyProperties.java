package org.speechforum.web.keys;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code pipeline.api-keys.*}: who may call a service's {@code /api/} endpoints.
 *
 * @param enabled           whether a key is needed at all (ingest: always; query: {@code QUERY_REQUIRE_API_KEY}).
 *                          Default false
 * @param scope             the scope this service's API needs ({@code ingest}, {@code read}); required when
 *                          enabled
 * @param keys              keys from configuration: name, sha256 of the key, optional scopes and rate
 * @param file              a keys file (one key a line, see {@link ApiKeys}), re-read when it changes
 * @param reloadInterval    how often the file is checked for changes (default 10s)
 * @param rateLimit         the default rate of a key that names none, e.g. {@code 50/s}; blank (the default):
 *                          such keys are not limited
 * @param plainKey          a single key given in plain text (the legacy {@code INGEST_API_KEY}); it is hashed at
 *                          start, kept as key {@code default} with this service's scope
 * @param generateWhenEmpty with no key at all, generate one for this run and log it (ingest's fresh install)
 */
@Validated
@ConfigurationProperties("pipeline.api-keys")
public record ApiKeyProperties(@DefaultValue("false") boolean enabled, String scope, @DefaultValue List<@Valid Key> keys,
                               Path file, @DefaultValue("10s") @DurationMin(millis = 1) Duration reloadInterval,
                               String rateLimit, String plainKey,
                               @DefaultValue("false") boolean generateWhenEmpty) {

    public ApiKeyProperties {
        if (enabled && (scope == null || !ApiKey.KNOWN_SCOPES.contains(scope))) {
            throw new IllegalArgumentException("pipeline.api-keys.scope must be one of " + ApiKey.KNOWN_SCOPES);
        }
    }

    /** A key given in configuration ({@code pipeline.api-keys.keys[0].name}, {@code .sha256}, …). */
    public record Key(@NotBlank String name, @NotBlank String sha256, List<String> scopes,
                      String rateLimit) {
    }
}
