package org.speechforum.contracts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Deterministic document ids: the same speech, post or comment always gets the same id, whatever path or
 * format it arrived by, so re-ingesting or replaying never duplicates it.
 */
public final class DocumentIds {

    private DocumentIds() {
    }

    /** Id of a document its source identifies: source and external id, case of the source ignored. */
    public static String of(String source, String externalId) {
        return hash(source.trim().toLowerCase(Locale.ROOT) + '\u0000' + externalId.trim());
    }

    /** Id of a document with no external id: its source, kind and text decide it. */
    public static String fromContent(String source, DocumentKind kind, String text) {
        return hash(source.trim().toLowerCase(Locale.ROOT) + '\u0000' + kind + '\u0000' + text.strip());
    }

    /**
     * The document id of a document's parent: {@code parentId} when the sender gave it; otherwise derived from
     * {@code parentExternalId} the way the parent's own id was derived: with {@code parentSource} when given;
     * else, for an absolute http(s) URL (an ActivityPub object id such as an {@code inReplyTo}), with the URL's
     * host as source, exactly as ActivityPub ingest keys objects; else with the document's own source. Null when
     * the document names no parent.
     */
    public static String parentOf(Document document) {
        if (document.parentId() != null && !document.parentId().isBlank()) {
            return document.parentId();
        }
        String external = document.parentExternalId();
        if (external == null || external.isBlank()) {
            return null;
        }
        if (document.parentSource() != null && !document.parentSource().isBlank()) {
            return of(document.parentSource(), external);
        }
        String host = urlHost(external.strip());
        if (host != null) {
            return of(host, external);
        }
        return document.source() == null ? null : of(document.source(), external);
    }

    /** The lower-cased host of an absolute http(s) URL, or null. */
    public static String urlHost(String url) {
        try {
            java.net.URI uri = java.net.URI.create(url);
            String scheme = uri.getScheme();
            if (uri.getHost() != null && scheme != null
                    && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return uri.getHost().toLowerCase(Locale.ROOT);
            }
        } catch (IllegalArgumentException ignored) {
            // not a URL
        }
        return null;
    }

    /** SHA-256 of the text, hex; used for ids (first 128 bits) and for {@code contentHash} (all of it). */
    public static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    private static String hash(String key) {
        return sha256(key).substring(0, 32);
    }
}
