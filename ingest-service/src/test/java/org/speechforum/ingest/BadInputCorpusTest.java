package org.speechforum.ingest;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.contracts.Topics;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input corpus against the real HTTP endpoints and the real broker: each case asserts the status, the
 * problem type and (where there is one) the offending field; the last test reads documents.raw.v1 and asserts
 * that nothing any refused case sent reached it, while the accepted ones did.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputCorpusTest extends IngestIntegrationTest {

    private static final String JSON = "application/json";
    private static final String NDJSON = "application/x-ndjson";
    private static final String AP = "application/activity+json";
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String DOCS = "/api/v1/documents";
    private static final String APUB = "/api/v1/activitypub";
    private static final String UPLOADS = "/api/v1/uploads";

    /** What only a library's, Tomcat's or the JVM's own text contains: never in an answer. */
    static final String[] INTERNALS = {"Exception", "\tat ", "<script>", "<html", "org.springframework",
            "org.apache", "tools.jackson", "com.fasterxml", "java.lang", "Tomcat", "DeserializationFeature",
            "Cannot map", "Cannot deserialize", "Cannot coerce", "Failed to convert", "Unexpected character ("};

    /** One line per case answered as asserted, printed at the end (the corpus's table). */
    private static final java.util.Queue<String> REPORT = new java.util.concurrent.ConcurrentLinkedQueue<>();

    @org.junit.jupiter.api.AfterAll
    static void printTheCorpus() {
        System.out.println("Hostile corpus (" + REPORT.size() + " cases, status problem case):\n  "
                + String.join("\n  ", REPORT));
    }

    /** Markers (unique strings) of what refused cases sent, and of what accepted cases sent. */
    private static final Set<String> REFUSED = ConcurrentHashMap.newKeySet();
    private static final Set<String> ACCEPTED = ConcurrentHashMap.newKeySet();

    record Case(String name, String method, String path, String contentType, String body, byte[] raw, int status,
                String problem, String field, String contentEncoding, String compress, String apiKey) {

        /** The same case sent with {@code key} in X-API-Key (null: no header). */
        Case key(String key) {
            return new Case(name, method, path, contentType, body, raw, status, problem, field, contentEncoding,
                    compress, key);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Case c(String name, String path, String type, String body, int status, String problem, String field) {
        return new Case(name, "POST", path, type, body, null, status, problem, field, null, null, KEY);
    }

    static Case raw(String name, String path, String type, byte[] body, int status, String problem) {
        return new Case(name, "POST", path, type, null, body, status, problem, null, null, null, KEY);
    }

    /** A request whose path or method is the attack; the body is a valid document that must not be stored. */
    static Case at(String name, String method, String path, int status) {
        return new Case(name, method, path, JSON, doc(""), null, status, null, null, null, null, KEY);
    }

    /**
     * A body sent with {@code Content-Encoding: contentEncoding}, compressed after its marker is set by
     * {@code compress}: gzip, zlib (deflate as RFC 9110 means it), raw (deflate without zlib header), gzip2 (gzip
     * twice), or none (sent as is).
     */
    static Case encoded(String name, String path, String type, String body, String contentEncoding, String compress,
                        int status, String problem) {
        return new Case(name, "POST", path, type, body, null, status, problem, null, contentEncoding, compress, KEY);
    }

    static byte[] compress(String how, byte[] plain) throws java.io.IOException {
        switch (how) {
            case "none" -> {
                return plain;
            }
            case "gzip2" -> {
                return compress("gzip", compress("gzip", plain));
            }
            default -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (java.io.OutputStream z = how.equals("gzip") ? new java.util.zip.GZIPOutputStream(out)
                        : new java.util.zip.DeflaterOutputStream(out, new java.util.zip.Deflater(
                                java.util.zip.Deflater.DEFAULT_COMPRESSION, how.equals("raw")))) {
                    z.write(plain);
                }
                return out.toByteArray();
            }
        }
    }

    static String doc(String extra) {
        return "{\"kind\":\"POST\",\"source\":\"corpus\",\"externalId\":\"@M@\",\"text\":\"text @M@\"" + extra + "}";
    }

    static byte[] invalidUtf8(String prefix, String suffix) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(prefix.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        out.writeBytes(suffix.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static List<Case> corpus() {
        String longText = "x".repeat(2001);
        String deep = "{\"a\":".repeat(100) + "1" + "}".repeat(100);
        String note = "{\"id\":\"https://corpus.example/notes/@M@\",\"type\":\"Note\",\"content\":\"<p>@M@</p>\"";
        List<Case> cases = new ArrayList<>(List.of(
                c("malformed JSON", DOCS, JSON, "{\"kind\": @M@", 400, "malformed-json", null),
                c("truncated array", DOCS, JSON, "[" + doc(""), 400, "malformed-json", null),
                c("JSON scalar", DOCS, JSON, "\"@M@\"", 400, "invalid-document", "/"),
                c("text/plain to documents", DOCS, "text/plain", doc(""), 415, "unsupported-media-type", "Content-Type"),
                c("XML to documents", DOCS, "application/xml", "<doc>@M@</doc>", 415, "unsupported-media-type", null),
                c("no content type", DOCS, null, doc(""), 415, "unsupported-media-type", null),
                c("non-UTF-8 charset", DOCS, "application/json; charset=ISO-8859-1", doc(""), 415,
                        "unsupported-media-type", null),
                c("empty body", DOCS, JSON, "", 400, "empty-body", null),
                c("whitespace body", DOCS, JSON, "   \n  ", 400, "empty-body", null),
                c("empty array", DOCS, JSON, "[]", 400, "empty-body", null),
                raw("invalid UTF-8 JSON", DOCS, JSON, invalidUtf8(doc("").replace("}", ",\"title\":\""), "\"}"),
                        400, "invalid-encoding"),
                raw("invalid UTF-8 NDJSON", DOCS, NDJSON, invalidUtf8(doc("") + "\n", ""), 400, "invalid-encoding"),
                c("missing kind", DOCS, JSON, "{\"source\":\"corpus\",\"text\":\"@M@\"}", 400, "missing-field", "/kind"),
                c("missing source", DOCS, JSON, "{\"kind\":\"POST\",\"text\":\"@M@\"}", 400, "missing-field", "/source"),
                c("missing text", DOCS, JSON, "{\"kind\":\"POST\",\"source\":\"corpus\",\"externalId\":\"@M@\"}", 400,
                        "missing-field", "/text"),
                c("blank text", DOCS, JSON, "{\"kind\":\"POST\",\"source\":\"corpus\",\"externalId\":\"@M@\",\"text\":\"  \"}",
                        400, "missing-field", "/text"),
                c("unknown kind", DOCS, JSON, doc("").replace("POST", "TWEET"), 400, "unknown-kind", "/kind"),
                c("text of wrong type", DOCS, JSON, "{\"kind\":\"POST\",\"source\":\"corpus\",\"externalId\":\"@M@\",\"text\":{\"a\":1}}",
                        400, "invalid-document", "/text"),
                c("unparseable date", DOCS, JSON, doc(",\"publishedAt\":\"yesterday\""), 400, "invalid-date", "/publishedAt"),
                c("impossible date", DOCS, JSON, doc(",\"publishedAt\":\"2024-13-45T00:00:00Z\""), 400, "invalid-date",
                        "/publishedAt"),
                c("future publishedAt", DOCS, JSON, doc(",\"publishedAt\":\"2099-01-01T00:00:00Z\""), 400, "future-date",
                        "/publishedAt"),
                c("future updatedAt", DOCS, JSON, doc(",\"updatedAt\":\"2099-01-01T00:00:00Z\""), 400, "future-date",
                        "/updatedAt"),
                c("oversized title", DOCS, JSON, doc(",\"title\":\"" + longText + "\""), 400, "field-too-long", "/title"),
                c("oversized source", DOCS, JSON, doc("").replace("\"corpus\"", "\"" + longText + "\""), 400,
                        "field-too-long", "/source"),
                c("oversized externalId", DOCS, JSON, doc("").replace("\"@M@\"", "\"@M@" + longText + "\""), 400,
                        "field-too-long", "/externalId"),
                c("duplicate keys", DOCS, JSON, doc(",\"kind\":\"SPEECH\""), 400, "duplicate-key", null),
                c("deeply nested JSON", DOCS, JSON, doc(",\"extra\":" + deep), 400, "too-deeply-nested", null),
                c("body over the limit", DOCS, JSON, doc(",\"title\":\"" + "y".repeat(300_000) + "\""), 413,
                        "payload-too-large", null),
                c("array of only bad items", DOCS, JSON, "[" + doc("").replace("POST", "X") + ","
                        + doc("").replace("\"corpus\"", "\"\"") + "]", 400, "batch-refused", null),
                c("NDJSON of only bad lines", DOCS, NDJSON, "{\"kind\":@M@\n" + doc("").replace("POST", "X") + "\n", 400,
                        "batch-refused", null),
                c("NDJSON of one bad line", DOCS, NDJSON, "{\"kind\":\"POST\",@M@\n", 400, "malformed-json", null),
                c("NDJSON line with duplicate keys", DOCS, NDJSON, doc(",\"text\":\"again @M@\"") + "\n", 400,
                        "duplicate-key", null),
                c("ActivityPub Follow", APUB, AP, "{\"id\":\"https://corpus.example/@M@\",\"type\":\"Follow\","
                        + "\"actor\":\"https://corpus.example/u/a\",\"object\":\"https://corpus.example/c/b\"}", 422,
                        "unsupported-activitypub", "/type"),
                c("ActivityPub Like", APUB, AP, "{\"id\":\"https://corpus.example/@M@\",\"type\":\"Like\","
                        + "\"actor\":\"https://corpus.example/u/a\",\"object\":\"https://corpus.example/p/1\"}", 422,
                        "unsupported-activitypub", "/type"),
                c("ActivityPub Person", APUB, AP, "{\"id\":\"https://corpus.example/u/@M@\",\"type\":\"Person\"}", 422,
                        "unsupported-activitypub", "/type"),
                c("ActivityPub Video", APUB, AP, note.replace("Note", "Video") + "}", 422, "unsupported-activitypub",
                        "/type"),
                c("ActivityPub ChatMessage", APUB, AP, note.replace("Note", "ChatMessage") + "}", 422,
                        "unsupported-activitypub", "/type"),
                c("ActivityPub Create naming its object by URL", APUB, AP, "{\"type\":\"Create\","
                        + "\"actor\":\"https://corpus.example/u/a\",\"object\":\"https://corpus.example/n/@M@\"}", 422,
                        "unsupported-activitypub", "/object"),
                c("ActivityPub without type", APUB, AP, "{\"id\":\"https://corpus.example/@M@\"}", 400, "missing-field",
                        "/type"),
                c("ActivityPub Note without id", APUB, AP, "{\"type\":\"Note\",\"content\":\"@M@\"}", 400,
                        "missing-field", "/id"),
                c("ActivityPub unparseable published", APUB, AP, note + ",\"published\":\"last week\"}", 400,
                        "invalid-date", "/published"),
                c("ActivityPub future published", APUB, AP, note + ",\"published\":\"2099-01-01T00:00:00Z\"}", 400,
                        "future-date", "/published"),
                c("ActivityPub duplicate keys", APUB, AP, note + ",\"type\":\"Page\"}", 400, "duplicate-key", null),
                c("ActivityPub malformed JSON", APUB, AP, note, 400, "malformed-json", null),
                c("ActivityPub direct message", APUB, AP, note + ",\"to\":[\"https://corpus.example/u/b\"]}", 422,
                        "unsupported-activitypub", "/to"),
                c("ActivityPub as text/plain", APUB, "text/plain", note + "}", 415, "unsupported-media-type", null),
                c("ld+json with another profile", APUB, "application/ld+json; profile=\"https://example.org/other\"",
                        note + "}", 415, "unsupported-media-type", null),
                c("upload as JSON", UPLOADS, JSON, "{\"text\":\"@M@\"}", 415, "unsupported-media-type", null),
                c("empty upload", UPLOADS, TEXT, "", 400, "empty-body", null),
                raw("invalid UTF-8 upload", UPLOADS, TEXT, invalidUtf8("Speech @M@ ", " end"), 400, "invalid-encoding"),
                c("upload over the limit", UPLOADS, TEXT, "@M@ " + "z".repeat(300_000), 413, "payload-too-large", null),
                c("multipart upload without file part", UPLOADS, "multipart/form-data; boundary=XyZ",
                        "--XyZ\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\n@M@\r\n--XyZ--\r\n", 400,
                        "missing-field", "file"),
                // Origin rules: only the object's own server (its author or its server actor) may change or delete it.
                c("forged Delete from another host", APUB, AP, "{\"type\":\"Delete\",\"actor\":\"https://evil.example/u/m\","
                        + "\"object\":\"https://corpus.example/notes/@M@\"}", 403, "foreign-origin", "/object"),
                c("forged Update from another host", APUB, AP, "{\"type\":\"Update\",\"actor\":\"https://evil.example/u/m\","
                        + "\"object\":" + note + ",\"attributedTo\":\"https://corpus.example/u/a\"}}", 403,
                        "foreign-origin", "/object/id"),
                c("forged Create from another host", APUB, AP, "{\"type\":\"Create\",\"actor\":\"https://evil.example/u/m\","
                        + "\"object\":" + note + "}}", 403, "foreign-origin", "/object/id"),
                c("look-alike host in an Update", APUB, AP, "{\"type\":\"Update\",\"actor\":\"https://corpus.example.evil.example/u/a\","
                        + "\"object\":" + note + "}}", 403, "foreign-origin", "/object/id"),
                c("Update by another user of the same host", APUB, AP, "{\"type\":\"Update\","
                        + "\"actor\":\"https://corpus.example/u/mallory\",\"object\":" + note
                        + ",\"attributedTo\":\"https://corpus.example/u/a\"}}", 403, "foreign-origin", "/object/attributedTo"),
                c("Delete of an embedded note by another author", APUB, AP, "{\"type\":\"Delete\","
                        + "\"actor\":\"https://corpus.example/u/mallory\",\"object\":" + note
                        + ",\"attributedTo\":\"https://corpus.example/u/a\"}}", 403, "foreign-origin", "/object/attributedTo"),
                c("Undo of someone else's activity", APUB, AP, "{\"type\":\"Undo\",\"actor\":\"https://corpus.example/u/mallory\","
                        + "\"object\":{\"type\":\"Delete\",\"actor\":\"https://corpus.example/u/a\","
                        + "\"object\":\"https://corpus.example/notes/@M@\"}}", 403, "foreign-origin", "/actor"),
                c("Announce of another host's note", APUB, AP, "{\"type\":\"Announce\",\"actor\":\"https://evil.example/u/m\","
                        + "\"object\":" + note + "}}", 403, "foreign-origin", "/object/id"),
                c("Announce wrapping a forged Delete", APUB, AP, "{\"type\":\"Announce\",\"actor\":\"https://corpus.example/c/main\","
                        + "\"object\":{\"type\":\"Delete\",\"actor\":\"https://evil.example/u/m\","
                        + "\"object\":\"https://corpus.example/notes/@M@\"}}", 403, "foreign-origin", null),
                c("Delete without actor", APUB, AP, "{\"type\":\"Delete\",\"object\":\"https://corpus.example/notes/@M@\"}",
                        400, "missing-field", "/actor"),
                c("Delete with an actor that is no URL", APUB, AP, "{\"type\":\"Delete\",\"actor\":\"mallory\","
                        + "\"object\":\"https://corpus.example/notes/@M@\"}", 400, "invalid-document", "/actor"),
                c("Delete from the object's origin", APUB, AP, "{\"type\":\"Delete\",\"actor\":\"https://corpus.example/u/a\","
                        + "\"object\":\"https://corpus.example/notes/@M@\"}", 202, null, null),
                c("Update by the object's author", APUB, AP, "{\"type\":\"Update\",\"actor\":\"https://corpus.example/u/a\","
                        + "\"object\":" + note + ",\"attributedTo\":\"https://corpus.example/u/a\"}}", 202, null, null),
                // Type confusion: every value must have its documented type; nothing is coerced.
                c("kind as a number", DOCS, JSON, doc("").replace("\"POST\"", "0"), 400, "unknown-kind", "/kind"),
                c("text as a number", DOCS, JSON, "{\"kind\":\"POST\",\"source\":\"corpus\",\"externalId\":\"@M@\",\"text\":42}",
                        400, "invalid-document", "/text"),
                c("text as an array", DOCS, JSON, "{\"kind\":\"POST\",\"source\":\"corpus\",\"externalId\":\"@M@\",\"text\":[\"a\"]}",
                        400, "invalid-document", "/text"),
                c("upvotes as a string", DOCS, JSON, doc(",\"upvotes\":\"12\""), 400, "invalid-document", "/upvotes"),
                c("upvotes as a fraction", DOCS, JSON, doc(",\"upvotes\":1.5"), 400, "invalid-document", "/upvotes"),
                c("op as a string", DOCS, JSON, doc(",\"op\":\"yes\""), 400, "invalid-document", "/op"),
                c("author as a string", DOCS, JSON, doc(",\"author\":\"someone\""), 400, "invalid-document", "/author"),
                c("tags as an object", DOCS, JSON, doc(",\"tags\":{\"a\":1}"), 400, "invalid-document", "/tags"),
                c("publishedAt as a number", DOCS, JSON, doc(",\"publishedAt\":1700000000"), 400, "invalid-date",
                        "/publishedAt"),
                c("document as an array of scalars", DOCS, JSON, "[1,\"@M@\"]", 400, "batch-refused", null),
                // Pipeline-owned fields are dropped unread, whatever their shape (was: Jackson's "Cannot map null").
                c("entities of a wrong shape", DOCS, JSON, doc(",\"entities\":[{\"count\":null}],\"thread\":\"x\""),
                        202, null, null),
                // Path and method tricks: answered before or by Spring MVC, always problem+json, nothing stored.
                at("encoded slash in the path", "POST", DOCS + "%2F..%2Fuploads", 400),
                at("NUL in the path", "POST", DOCS + "%00", 400),
                at("encoded dot-dot in the path", "POST", "/api/v1/%2e%2e/v1/documents", 404),
                at("double-encoded dot-dot", "POST", "/api/v1/%252e%252e/documents", 404),
                at("path parameter", "POST", DOCS + ";x=1/..", 404),
                at("unknown endpoint", "POST", "/api/v1/admin", 404),
                at("wrong method", "DELETE", DOCS, 405),
                at("TRACE", "TRACE", DOCS, 405),
                at("actuator env not exposed", "GET", "/actuator/env", 404),
                // Compressed bodies: decoded, with the body limit (256KB here) applied to the decoded bytes.
                encoded("gzip body", DOCS, JSON, doc(""), "gzip", "gzip", 202, null),
                encoded("x-gzip body", DOCS, NDJSON, doc("") + "\n", "x-gzip", "gzip", 202, null),
                encoded("deflate body (zlib)", DOCS, JSON, doc(""), "deflate", "zlib", 202, null),
                encoded("deflate body (raw, as some clients send it)", APUB, AP, note + "}", "deflate", "raw", 202, null),
                encoded("gzip text upload", UPLOADS, TEXT, "Speech @M@ in plain words.", "gzip", "gzip", 202, null),
                encoded("gzip applied twice", DOCS, JSON, doc(""), "gzip, gzip", "gzip2", 202, null),
                encoded("zip bomb (20 MB of zeros in about 20 KB)", DOCS, JSON, doc(",\"title\":\"" + "0".repeat(20_000_000) + "\""),
                        "gzip", "gzip", 413, "payload-too-large"),
                encoded("gzip bomb in an upload", UPLOADS, TEXT, "@M@ " + " ".repeat(10_000_000), "gzip", "gzip", 413,
                        "payload-too-large"),
                encoded("brotli body", DOCS, JSON, doc(""), "br", "none", 415, "unsupported-content-encoding"),
                encoded("compress (LZW) body", DOCS, JSON, doc(""), "compress", "none", 415, "unsupported-content-encoding"),
                encoded("unknown coding", DOCS, JSON, doc(""), "rot13", "none", 415, "unsupported-content-encoding"),
                encoded("three codings", DOCS, JSON, doc(""), "gzip, gzip, gzip", "none", 415, "unsupported-content-encoding"),
                encoded("gzip announced, plain body", DOCS, JSON, doc(""), "gzip", "none", 400, "corrupt-compression"),
                encoded("deflate announced, gzip body", DOCS, JSON, doc(""), "deflate", "gzip", 400, "corrupt-compression"),
                encoded("compressed multipart", UPLOADS, "multipart/form-data; boundary=XyZ",
                        "--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n@M@\r\n--XyZ--\r\n", "gzip", "gzip",
                        415, "unsupported-content-encoding"),
                // Keys: who may call the API, with which scope and how often.
                c("no API key", DOCS, JSON, doc(""), 401, null, null).key(null),
                c("wrong API key", DOCS, JSON, doc(""), 401, null, null).key("not-the-key"),
                c("empty API key", DOCS, JSON, doc(""), 401, null, null).key(""),
                c("key differing in case", DOCS, JSON, doc(""), 401, null, null).key(KEY.toUpperCase()),
                c("key as a prefix of the real one", UPLOADS, TEXT, "@M@ words", 401, null, null).key(KEY.substring(0, 4)),
                c("read-only key on ingest", DOCS, JSON, doc(""), 403, "scope-not-granted", null).key("reader-key"),
                c("read-only key on ActivityPub", APUB, AP, note + "}", 403, "scope-not-granted", null).key("reader-key"),
                c("slow key, first request", DOCS, JSON, doc(""), 202, null, null).key("slow-key"),
                c("slow key, second request", DOCS, JSON, doc(""), 202, null, null).key("slow-key"),
                c("slow key over its rate", DOCS, JSON, doc(""), 429, "rate-limited", null).key("slow-key"),
                c("no key on a bad body (key first)", DOCS, JSON, "{broken @M@", 401, null, null).key(null),
                // HTML and scripts are never refused: stored as inert text (canonical, upload) or dropped (ActivityPub).
                c("script in canonical text", DOCS, JSON, "{\"kind\":\"POST\",\"source\":\"corpus\",\"externalId\":\"@M@\","
                        + "\"text\":\"<script>alert('@M@')</script><b>bold</b>\"}", 202, null, null),
                c("script in ActivityPub content", APUB, AP, "{\"id\":\"https://corpus.example/notes/@M@\",\"type\":\"Note\","
                        + "\"content\":\"<p>@M@</p><script>alert(1)</script>\"}", 202, null, null),
                c("script in uploaded text", UPLOADS, TEXT, "<script>alert('@M@')</script> plain words", 202, null, null),
                c("NDJSON with one bad line among good ones", DOCS, NDJSON, doc("") + "\n{broken @M@\n"
                        + doc("").replace("@M@", "@M@-2") + "\n", 202, null, null),
                c("array with one bad item among good ones", DOCS, JSON, "[" + doc("") + ","
                        + "{\"kind\":\"POST\",\"text\":\"no source @M@\"}]", 202, null, null)));
        return cases;
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachCaseGetsItsAnswer(Case c) throws Exception {
        String marker = UUID.randomUUID().toString();
        byte[] body = c.raw() != null ? new String(c.raw(), StandardCharsets.ISO_8859_1).replace("@M@", marker)
                .getBytes(StandardCharsets.ISO_8859_1) : c.body().replace("@M@", marker).getBytes(StandardCharsets.UTF_8);

        Map<String, String> headers = new java.util.HashMap<>();
        if (c.contentEncoding() != null) {
            body = compress(c.compress(), body);
            headers.put("Content-Encoding", c.contentEncoding());
        }

        HttpResponse<String> answer = send(c.method(), c.path(), c.contentType(), body, c.apiKey(), headers);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(c.status());
        assertThat(answer.body()).doesNotContain(INTERNALS);
        REPORT.add(String.format("%d %-28s %s", c.status(), c.problem() == null ? "" : c.problem(), c.name()));
        if (c.problem() == null && c.status() < 400) {
            ACCEPTED.add(marker);
            JsonNode result = DocumentJson.mapper().readTree(answer.body());
            assertThat(result.get("documents")).isNotEmpty().allSatisfy(d -> {
                assertThat(d.get("id").asString()).hasSize(32);
                assertThat(d.get("kind").asString()).isIn("SPEECH", "POST", "COMMENT");
            });
            return;
        }
        REFUSED.add(marker);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = DocumentJson.mapper().readTree(answer.body());
        // RFC 9457: an absent type means about:blank (Spring leaves it out).
        assertThat(problem.path("type").asString("about:blank")).isEqualTo(c.problem() == null ? "about:blank"
                : "https://speechforum.org/problems/" + c.problem());
        assertThat(problem.get("status").asInt()).isEqualTo(c.status());
        assertThat(problem.get("detail").asString()).isNotBlank();
        if (c.field() != null) {
            assertThat(problem.get("field").asString()).isEqualTo(c.field());
        }
    }

    @Test
    void theCorpusHasAtLeastSixtyCases() {
        assertThat(corpus()).hasSizeGreaterThanOrEqualTo(60);
    }

    @Order(2)
    @Test
    void nothingRefusedReachedTheRawTopicWhileTheAcceptedDid() {
        List<String> published = readAll(Topics.RAW).stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();

        for (String marker : REFUSED) {
            assertThat(published).as("refused marker " + marker).noneMatch(json -> json.contains(marker));
        }
        for (String marker : ACCEPTED) {
            assertThat(published).as("accepted marker " + marker).anyMatch(json -> json.contains(marker));
        }
        // Scripts are stored as inert text by the canonical path and dropped from ActivityPub HTML.
        assertThat(published.stream().map(json -> DocumentJson.read(json.getBytes(StandardCharsets.UTF_8)))
                .filter(d -> "corpus.example".equals(d.source())).map(Document::text))
                .noneMatch(text -> text.contains("alert(1)"));
    }
}
