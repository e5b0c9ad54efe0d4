package org.speechforum.web.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The keys a service takes, as one immutable snapshot: looked up by the key a client presents, compared as
 * SHA-256 digests in constant time over every key (no early exit), so the answer time tells nothing of which
 * key or how much of one was guessed.
 *
 * <p>The keys file has one key a line, {@code #} starts a comment:
 * <pre>
 * # name            sha256 of the key                                                  scopes       rate
 * kremlin-scraper   9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08   ingest       50/s
 * grafana           60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752   read
 * ops               fd61a03af4f77d870fc21e05e7e80678095c92d808cfb3b5c279ee04c74aca13   ingest,read  5/s
 * </pre>
 * Scopes may be left out (or written {@code *}): the key may then use every scope. The rate may be left out:
 * the service's default applies.
 */
public final class ApiKeys {

    private final List<ApiKey> keys;

    public ApiKeys(List<ApiKey> keys) {
        Set<String> names = new HashSet<>();
        for (ApiKey key : keys) {
            if (!names.add(key.name())) {
                throw new IllegalArgumentException("Two keys are named '" + key.name() + "'");
            }
        }
        this.keys = List.copyOf(keys);
    }

    public static ApiKeys none() {
        return new ApiKeys(List.of());
    }

    public List<ApiKey> all() {
        return keys;
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** This snapshot with {@code more} added (names must stay unique). */
    public ApiKeys with(List<ApiKey> more) {
        List<ApiKey> all = new ArrayList<>(keys);
        all.addAll(more);
        return new ApiKeys(all);
    }

    /** The key whose digest matches {@code presented}, if any. */
    public Optional<ApiKey> find(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = sha256Bytes(presented);
        ApiKey found = null;
        for (ApiKey key : keys) {
            if (MessageDigest.isEqual(digest, key.hashBytes()) && found == null) {
                found = key;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Parses a keys file (see the class comment); {@code defaultRate} applies to lines without a rate. */
    public static ApiKeys parse(String text, ApiKey.Rate defaultRate) {
        List<ApiKey> keys = new ArrayList<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\\s+");
            try {
                if (fields.length < 2 || fields.length > 4) {
                    throw new IllegalArgumentException("expected: name sha256 [scopes] [rate]");
                }
                Set<String> scopes = fields.length < 3 || fields[2].equals("*") ? Set.of()
                        : Set.copyOf(Arrays.asList(fields[2].split(",")));
                ApiKey.Rate rate = fields.length < 4 ? defaultRate : ApiKey.Rate.parse(fields[3]);
                keys.add(new ApiKey(fields[0], fields[1], scopes, rate));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new ApiKeys(keys);
    }

    /** The SHA-256 of a key as 64 lowercase hex digits, as the keys file and configuration hold it. */
    public static String sha256(String key) {
        return HexFormat.of().formatHex(sha256Bytes(key));
    }

    private static byte[] sha256Bytes(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
