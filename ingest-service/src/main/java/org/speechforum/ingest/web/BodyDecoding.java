package org.speechforum.ingest.web;

import org.speechforum.ingest.format.DocumentRefused;
import org.speechforum.ingest.format.DocumentRefused.Reason;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Undoes a request's {@code Content-Encoding} (what scrapers send: {@code gzip}, also {@code x-gzip} and
 * {@code deflate}, zlib-wrapped as RFC 9110 says or raw as some clients send it). The decoded stream is read
 * through the same body limit as any other, so a small compressed body that expands past
 * {@code ingest.max-body-size} (a zip bomb) is refused with 413 after at most that many bytes were inflated.
 * Any other coding is refused with 415; a body that does not decode is refused with 400.
 */
public final class BodyDecoding {

    /** The codings taken, for the {@code Accept-Encoding} header of a 415 (RFC 7694). */
    public static final String ACCEPTED = "gzip, deflate";

    private BodyDecoding() {
    }

    /** True when a {@code Content-Encoding} header is absent, empty or only {@code identity}: nothing to decode. */
    public static boolean isIdentity(String contentEncoding) {
        return contentEncoding == null || contentEncoding.isBlank() || contentEncoding.strip().equalsIgnoreCase("identity");
    }

    /**
     * The codings of a {@code Content-Encoding} header in the order they were applied, without {@code identity};
     * refuses codings not taken here.
     */
    public static List<String> codings(String contentEncoding) {
        List<String> codings = new ArrayList<>();
        if (contentEncoding == null) {
            return codings;
        }
        for (String part : contentEncoding.split(",")) {
            String coding = part.strip().toLowerCase(Locale.ROOT);
            switch (coding) {
                case "", "identity" -> { }
                case "gzip", "x-gzip" -> codings.add("gzip");
                case "deflate" -> codings.add("deflate");
                default -> throw new DocumentRefused(Reason.UNSUPPORTED_CONTENT_ENCODING,
                        "The body's Content-Encoding is not taken here; send it uncompressed or with " + ACCEPTED,
                        "Content-Encoding");
            }
        }
        if (codings.size() > 2) {
            throw new DocumentRefused(Reason.UNSUPPORTED_CONTENT_ENCODING,
                    "At most two content codings are taken (e.g. gzip); the body names " + codings.size(),
                    "Content-Encoding");
        }
        return codings;
    }

    /** {@code raw} decoded according to {@code contentEncoding}; decoding errors become a 400 refusal. */
    public static InputStream decode(String contentEncoding, InputStream raw) {
        List<String> codings = codings(contentEncoding);
        InputStream in = raw;
        // Codings are listed in the order applied: undo the last one first.
        List<String> reversed = new ArrayList<>(codings);
        Collections.reverse(reversed);
        for (String coding : reversed) {
            in = new Decoding(coding, in);
        }
        return in;
    }

    /** Decodes lazily on the first read, and turns the JDK's ZipException/EOFException into a refusal. */
    private static final class Decoding extends FilterInputStream {

        private final String coding;
        private boolean opened;

        Decoding(String coding, InputStream raw) {
            super(raw);
            this.coding = coding;
        }

        private InputStream open() throws IOException {
            if (!opened) {
                opened = true;
                try {
                    in = coding.equals("gzip") ? new GZIPInputStream(in, 8192) : inflater(in);
                } catch (IOException e) {
                    throw corrupt();
                }
            }
            return in;
        }

        @Override
        public int read() throws IOException {
            try {
                return open().read();
            } catch (DocumentRefused e) {
                throw e;
            } catch (IOException e) {
                throw corrupt();
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return open().read(b, off, len);
            } catch (DocumentRefused e) {
                throw e;
            } catch (IOException e) {
                throw corrupt();
            }
        }

        private DocumentRefused corrupt() {
            return new DocumentRefused(Reason.CORRUPT_COMPRESSION, "The body says Content-Encoding: " + coding
                    + " but does not decode as " + coding, "Content-Encoding");
        }

        /** zlib-wrapped (RFC 1950, what "deflate" means) when the first two bytes are a zlib header, else raw. */
        private static InputStream inflater(InputStream raw) throws IOException {
            BufferedInputStream buffered = new BufferedInputStream(raw);
            buffered.mark(2);
            int cmf = buffered.read();
            int flg = buffered.read();
            buffered.reset();
            boolean zlib = cmf >= 0 && flg >= 0 && (cmf & 0x0F) == 8 && ((cmf << 8) | flg) % 31 == 0;
            return new InflaterInputStream(buffered, new Inflater(!zlib), 8192);
        }
    }
}
