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
