package org.speechforum.ingest.web;

import org.junit.jupiter.api.Test;
import org.speechforum.ingest.format.DocumentRefused;
import org.speechforum.ingest.format.DocumentRefused.Reason;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class BodyDecodingTest {

    private static final byte[] TEXT = "Some text, some more text.".repeat(100).getBytes(StandardCharsets.UTF_8);

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(out)) {
            z.write(plain);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] plain, boolean raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, raw))) {
            z.write(plain);
        }
        return out.toByteArray();
    }

    private static byte[] decode(String encoding, byte[] body) throws IOException {
        try (InputStream in = BodyDecoding.decode(encoding, new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }

    @Test
    void gzipDeflateAndBothDeflateFormsDecode() throws IOException {
        assertThat(decode("gzip", gzip(TEXT))).isEqualTo(TEXT);
        assertThat(decode("X-GZIP", gzip(TEXT))).isEqualTo(TEXT);
        assertThat(decode("deflate", deflate(TEXT, false))).isEqualTo(TEXT);
        assertThat(decode("deflate", deflate(TEXT, true))).isEqualTo(TEXT);
        assertThat(decode("gzip, identity", gzip(TEXT))).isEqualTo(TEXT);
        // Codings are listed in the order applied: deflate first, then gzip.
        assertThat(decode("deflate, gzip", gzip(deflate(TEXT, false)))).isEqualTo(TEXT);
        assertThat(BodyDecoding.isIdentity(null)).isTrue();
        assertThat(BodyDecoding.isIdentity(" identity ")).isTrue();
        assertThat(BodyDecoding.isIdentity("gzip")).isFalse();
    }

    @Test
    void decodingIsLazySoTheReaderStopsABombAtItsLimit() throws IOException {
        byte[] bomb = gzip(new byte[50_000_000]);
        assertThat(bomb.length).isLessThan(100_000);

        try (InputStream in = BodyDecoding.decode("gzip", new ByteArrayInputStream(bomb))) {
            byte[] buffer = new byte[8192];
            long read = 0;
            while (read < 1_000_000 && in.read(buffer) > 0) {
                read += buffer.length;
            }
            assertThat(read).isGreaterThanOrEqualTo(1_000_000);
        }
    }

    @Test
    void unknownCodingsAndUndecodableBodiesAreRefusedWithTheirReason() {
        for (String coding : new String[] {"br", "compress", "zstd", "gzip, gzip, gzip"}) {
            DocumentRefused refused = catchThrowableOfType(DocumentRefused.class, () -> BodyDecoding.codings(coding));
            assertThat(refused.reason()).as(coding).isEqualTo(Reason.UNSUPPORTED_CONTENT_ENCODING);
            assertThat(refused.reason().status()).isEqualTo(415);
        }
        DocumentRefused notGzip = catchThrowableOfType(DocumentRefused.class, () -> decode("gzip", TEXT));
        DocumentRefused truncated = catchThrowableOfType(DocumentRefused.class, () -> {
            byte[] whole = gzip(TEXT);
            decode("gzip", java.util.Arrays.copyOf(whole, whole.length / 2));
        });
        assertThat(notGzip.reason()).isEqualTo(Reason.CORRUPT_COMPRESSION);
        assertThat(truncated.reason()).isEqualTo(Reason.CORRUPT_COMPRESSION);
        assertThat(notGzip.getMessage()).isEqualTo("The body says Content-Encoding: gzip but does not decode as gzip");
    }
}
