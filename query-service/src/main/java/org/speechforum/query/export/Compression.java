package org.speechforum.query.export;

import java.util.Locale;

/**
 * How an export is compressed: not at all; with {@code Content-Encoding: gzip} when the client says it takes gzip
 * ({@code Accept-Encoding}, which browsers and {@code curl --compressed} decode on the fly); or, with
 * {@code gzip=true}, as a {@code .gz} file ({@code application/gzip}) a client keeps compressed.
 */
enum Compression {

    NONE, CONTENT_ENCODING, GZIP_FILE;

    static Compression choose(String acceptEncoding, boolean gzipFile) {
        if (gzipFile) {
            return GZIP_FILE;
        }
        return acceptsGzip(acceptEncoding) ? CONTENT_ENCODING : NONE;
    }

    /** True when {@code Accept-Encoding} lists gzip (or {@code *}) with a weight above zero. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] pieces = part.split(";");
            String coding = pieces[0].strip().toLowerCase(Locale.ROOT);
            if (!coding.equals("gzip") && !coding.equals("x-gzip") && !coding.equals("*")) {
                continue;
            }
            double q = 1;
            for (int i = 1; i < pieces.length; i++) {
                String param = pieces[i].strip().toLowerCase(Locale.ROOT);
                if (param.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(param.substring(2).strip());
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (q > 0) {
                return true;
            }
        }
        return false;
    }
}
