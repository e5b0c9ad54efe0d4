package org.speechforum.web.keys;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeysTest {

    private static final ApiKey.Rate DEFAULT = ApiKey.Rate.parse("50/s");

    @Test
    void theFileNamesKeysByTheirHashWithScopesAndRates() {
        ApiKeys keys = ApiKeys.parse("""
                # name  sha256  scopes  rate
                scraper %s ingest 5/m
                grafana %s read
                ops     %s *      10/s
                """.formatted(ApiKeys.sha256("s3cret"), ApiKeys.sha256("dashboard"), ApiKeys.sha256("ops")), DEFAULT);

        ApiKey scraper = keys.find("s3cret").orElseThrow();
        assertThat(scraper.name()).isEqualTo("scraper");
        assertThat(scraper.allows("ingest")).isTrue();
        assertThat(scraper.allows("read")).isFalse();
        assertThat(scraper.rate()).isEqualTo(new ApiKey.Rate(5, Duration.ofMinutes(1)));
        assertThat(keys.find("dashboard").orElseThrow().rate()).isEqualTo(DEFAULT);
        assertThat(keys.find("ops").orElseThrow().allows("read")).isTrue();
        assertThat(keys.find("ops").orElseThrow().allows("ingest")).isTrue();
        assertThat(keys.find("s3cret ")).isEmpty();
        assertThat(keys.find("")).isEmpty();
        assertThat(keys.find(null)).isEmpty();
        // Only the hash is kept.
        assertThat(keys.all()).extracting(ApiKey::sha256).doesNotContain("s3cret");
        assertThat(ApiKeys.sha256("test")).isEqualTo("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    }

    @Test
    void aBadLineIsReportedWithItsNumber() {
        assertThatThrownBy(() -> ApiKeys.parse("a " + ApiKeys.sha256("x") + "\nb not-a-hash\n", DEFAULT))
                .hasMessageContaining("line 2").hasMessageContaining("64 hex digits");
        assertThatThrownBy(() -> ApiKeys.parse("a " + ApiKeys.sha256("x") + " admin\n", DEFAULT))
                .hasMessageContaining("unknown scope 'admin'");
        assertThatThrownBy(() -> ApiKeys.parse("a " + ApiKeys.sha256("x") + "\na " + ApiKeys.sha256("y"), DEFAULT))
                .hasMessageContaining("Two keys are named 'a'");
        assertThatThrownBy(() -> ApiKey.Rate.parse("fast")).hasMessageContaining("50/s");
    }

    @Test
    void theFileIsReadAgainWhenItChangesAndABrokenFileKeepsTheKeysInForce(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("keys.txt");
        Files.writeString(file, "first " + ApiKeys.sha256("one") + " ingest\n");
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        Clock clock = new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now.get(); }
        };
        ApiKey configured = new ApiKey("configured", ApiKeys.sha256("conf"), Set.of("read"), DEFAULT);
        ApiKeySource source = new ApiKeySource(List.of(configured), file, Duration.ofSeconds(10), DEFAULT, clock);

        assertThat(source.current().find("one")).isPresent();
        assertThat(source.current().find("conf")).isPresent();

        Files.writeString(file, "second " + ApiKeys.sha256("two") + " ingest\n");
        assertThat(source.current().find("one")).as("not checked before the interval").isPresent();
        now.set(now.get().plusSeconds(10));
        assertThat(source.current().find("one")).as("revoked").isEmpty();
        assertThat(source.current().find("two")).as("added").isPresent();
        assertThat(source.current().find("conf")).as("configuration stays").isPresent();

        Files.writeString(file, "broken line with too many fields here\n");
        now.set(now.get().plusSeconds(10));
        assertThat(source.current().find("two")).as("a broken file keeps the keys in force").isPresent();
    }

    @Test
    void eachKeyHasItsOwnRateAndSaysHowLongToWait() {
        KeyRateLimits limits = new KeyRateLimits();
        ApiKey slow = new ApiKey("slow", ApiKeys.sha256("s"), Set.of(), new ApiKey.Rate(2, Duration.ofHours(1)));
        ApiKey other = new ApiKey("other", ApiKeys.sha256("o"), Set.of(), new ApiKey.Rate(2, Duration.ofHours(1)));

        assertThat(limits.tryAcquire(slow)).isEmpty();
        assertThat(limits.tryAcquire(slow)).isEmpty();
        java.util.OptionalLong wait = limits.tryAcquire(slow);
        assertThat(wait).isPresent();
        assertThat(Duration.ofNanos(wait.getAsLong())).isBetween(Duration.ofMinutes(1), Duration.ofHours(1));
        assertThat(limits.tryAcquire(other)).as("another key is not slowed").isEmpty();
    }
}
