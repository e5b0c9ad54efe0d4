package org.speechforum.web.keys;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The current keys: those from configuration plus those of the keys file, which is read again when it changed
 * (checked at most every {@code reloadInterval}, on the next request), so keys are added, rotated and revoked
 * without a restart. The file's content is compared, not its time stamp, so a Kubernetes Secret swapped in by a
 * symlink is seen too. A file that no longer parses is reported in the log and the keys in force stay.
 */
public final class ApiKeySource {

    private static final Logger log = LoggerFactory.getLogger(ApiKeySource.class);

    private final ApiKeys configured;
    private final Path file;
    private final Duration reloadInterval;
    private final ApiKey.Rate defaultRate;
    private final Clock clock;

    private volatile ApiKeys current;
    private volatile Instant checkedAt;
    private volatile byte[] fileContent;

    public ApiKeySource(List<ApiKey> configured, Path file, Duration reloadInterval, ApiKey.Rate defaultRate,
                        Clock clock) {
        this.configured = new ApiKeys(configured);
        this.file = file;
        this.reloadInterval = reloadInterval;
        this.defaultRate = defaultRate;
        this.clock = clock;
        this.current = this.configured;
        this.checkedAt = clock.instant();
        if (file != null) {
            if (!reload()) {
                throw new IllegalStateException("The API keys file " + file + " cannot be used; see the log");
            }
        }
    }

    /** The keys in force, having re-read the file if the interval passed and it changed. */
    public ApiKeys current() {
        Instant now = clock.instant();
        if (file != null && !now.isBefore(checkedAt.plus(reloadInterval))) {
            synchronized (this) {
                if (!now.isBefore(checkedAt.plus(reloadInterval))) {
                    checkedAt = now;
                    reload();
                }
            }
        }
        return current;
    }

    private boolean reload() {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            log.error("Cannot read the API keys file {}: {}; the keys in force stay", file, e.toString());
            return false;
        }
        if (fileContent != null && Arrays.equals(content, fileContent)) {
            return true;
        }
        try {
            ApiKeys fromFile = ApiKeys.parse(new String(content, StandardCharsets.UTF_8), defaultRate);
            ApiKeys next = configured.with(fromFile.all());
            boolean first = fileContent == null;
            current = next;
            fileContent = content;
            log.info("{} API keys from {} and configuration: {}", first ? "Loaded" : "Reloaded", file,
                    next.all().stream().map(k -> k.name() + (k.scopes().isEmpty() ? "" : " " + k.scopes())).toList());
            return true;
        } catch (IllegalArgumentException e) {
            log.error("The API keys file {} is not valid ({}); the keys in force stay", file, e.getMessage());
            return false;
        }
    }
}
