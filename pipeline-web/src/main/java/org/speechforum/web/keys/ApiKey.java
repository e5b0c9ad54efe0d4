package org.speechforum.web.keys;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * One client's key as the service keeps it: a name (on metrics and logs), the SHA-256 of the key (never the key
 * itself), the scopes it may use (empty: every scope) and its rate limit (null: not limited).
 */
public record ApiKey(String name, String sha256, Set<String> scopes, Rate rate) {

    /** Scopes the services check: {@code ingest} (ingest-service's API), {@code read} (query-service's API). */
    public static final Set<String> KNOWN_SCOPES = Set.of("ingest", "read");

    public ApiKey {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw new IllegalArgumentException("A key name is 1 to 64 letters, digits, '.', '_' or '-', not '"
                    + name + "'");
        }
        if (sha256 == null || !sha256.matches("(?i)[0-9a-f]{64}")) {
            throw new IllegalArgumentException("Key '" + name + "': sha256 must be 64 hex digits (printf %s \"$KEY\" "
                    + "| sha256sum)");
        }
        sha256 = sha256.toLowerCase(Locale.ROOT);
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
        for (String scope : scopes) {
            if (!KNOWN_SCOPES.contains(scope)) {
                throw new IllegalArgumentException("Key '" + name + "': unknown scope '" + scope + "' (known: "
                        + String.join(", ", KNOWN_SCOPES.stream().sorted().toList()) + ")");
            }
        }
    }

    /** True when this key may be used for {@code scope}. */
    public boolean allows(String scope) {
        return scopes.isEmpty() || scopes.contains(scope);
    }

    byte[] hashBytes() {
        return HexFormat.of().parseHex(sha256);
    }

    /** A rate limit: {@code permits} requests per {@code period}, written {@code 50/s}, {@code 600/m}, {@code 10000/h}. */
    public record Rate(int permits, Duration period) {

        public Rate {
            if (permits < 1 || period == null || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("A rate is at least 1 request per a positive period");
            }
        }

        public static Rate parse(String text) {
            String[] parts = text == null ? new String[0] : text.strip().split("/");
            if (parts.length != 2 || !parts[0].matches("[0-9]{1,9}")) {
                throw new IllegalArgumentException("A rate is written like 50/s, 600/m or 10000/h, not '" + text + "'");
            }
            Duration period = switch (parts[1]) {
                case "s" -> Duration.ofSeconds(1);
                case "m" -> Duration.ofMinutes(1);
                case "h" -> Duration.ofHours(1);
                default -> throw new IllegalArgumentException("A rate's unit is s, m or h, not '" + parts[1] + "'");
            };
            return new Rate(Integer.parseInt(parts[0]), period);
        }

        @Override
        public String toString() {
            return permits + "/" + (period.equals(Duration.ofSeconds(1)) ? "s"
                    : period.equals(Duration.ofMinutes(1)) ? "m" : "h");
        }
    }
}
