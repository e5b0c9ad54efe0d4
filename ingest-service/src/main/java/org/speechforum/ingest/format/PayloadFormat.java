package org.speechforum.ingest.format;

import org.speechforum.ingest.format.DocumentRefused.Reason;

import java.util.Locale;
import java.util.Set;

/**
 * The payload kinds ingest takes, told apart by content type (HTTP {@code Content-Type}, Kafka
 * {@code content-type} header).
 */
public enum PayloadFormat {
    /** Canonical JSON: one document or a JSON array of them. */
    CANONICAL_JSON("json"),
    /** Canonical JSON, one document per line. */
    NDJSON("ndjson"),
    /** Raw text as copied from a web page: transcript, forum thread, or both. */
    TEXT("text"),
    /** ActivityStreams 2.0 object or activity. */
    ACTIVITYPUB("activitypub");

    private final String metricName;

    PayloadFormat(String metricName) {
        this.metricName = metricName;
    }

    public String metricName() {
        return metricName;
    }

    /**
     * The format a content type names, among those {@code allowed} at this entry point; refuses (415) a
     * missing, unknown or non-UTF-8 content type. {@code application/json} means canonical JSON, except where
     * only ActivityPub is allowed.
     */
    public static PayloadFormat of(String contentType, Set<PayloadFormat> allowed) {
        if (contentType == null || contentType.isBlank()) {
            throw unsupported("No content type given; send one of " + names(allowed));
        }
        String lower = contentType.toLowerCase(Locale.ROOT);
        String mediaType = lower.split(";", 2)[0].strip();
        String charset = parameter(lower, "charset");
        if (charset != null && !charset.equals("utf-8") && !charset.equals("utf8") && !charset.equals("us-ascii")) {
            throw unsupported("Only UTF-8 is accepted, not charset " + charset);
        }
        PayloadFormat format = switch (mediaType) {
            case "application/json" -> allowed.contains(CANONICAL_JSON) ? CANONICAL_JSON
                    : allowed.contains(ACTIVITYPUB) ? ACTIVITYPUB : null;
            case "application/x-ndjson", "application/ndjson", "application/jsonl" -> NDJSON;
            case "text/plain" -> TEXT;
            case "application/activity+json" -> ACTIVITYPUB;
            case "application/ld+json" -> {
                String profile = parameter(contentType, "profile");
                yield profile == null || profile.contains("https://www.w3.org/ns/activitystreams") ? ACTIVITYPUB : null;
            }
            default -> null;
        };
        if (format == null || !allowed.contains(format)) {
            throw unsupported("Content type " + mediaType + " is not accepted here; send one of " + names(allowed));
        }
        return format;
    }

    private static String parameter(String contentType, String name) {
        for (String part : contentType.split(";")) {
            String[] pair = part.strip().split("=", 2);
            if (pair.length == 2 && pair[0].strip().equalsIgnoreCase(name)) {
                return pair[1].strip().replaceAll("^\"|\"$", "");
            }
        }
        return null;
    }

    private static String names(Set<PayloadFormat> allowed) {
        StringBuilder names = new StringBuilder();
        for (PayloadFormat format : values()) {
            if (allowed.contains(format)) {
                if (!names.isEmpty()) {
                    names.append(", ");
                }
                names.append(switch (format) {
                    case CANONICAL_JSON -> "application/json";
                    case NDJSON -> "application/x-ndjson";
                    case TEXT -> "text/plain";
                    case ACTIVITYPUB -> "application/activity+json";
                });
            }
        }
        return names.toString();
    }

    private static DocumentRefused unsupported(String message) {
        return new DocumentRefused(Reason.UNSUPPORTED_MEDIA_TYPE, message, "Content-Type");
    }
}
