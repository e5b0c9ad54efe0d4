package org.speechforum.query.export;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CompressionTest {

    @Test
    void gzipIsUsedWhenTheClientTakesItAndNotWhenItRefusesIt() {
        assertThat(Compression.choose("gzip, deflate, br", false)).isEqualTo(Compression.CONTENT_ENCODING);
        assertThat(Compression.choose("br;q=1.0, GZIP;q=0.5", false)).isEqualTo(Compression.CONTENT_ENCODING);
        assertThat(Compression.choose("*", false)).isEqualTo(Compression.CONTENT_ENCODING);
        assertThat(Compression.choose("gzip;q=0", false)).isEqualTo(Compression.NONE);
        assertThat(Compression.choose("identity", false)).isEqualTo(Compression.NONE);
        assertThat(Compression.choose(null, false)).isEqualTo(Compression.NONE);
    }

    @Test
    void askingForAGzipFileWinsOverAcceptEncoding() {
        assertThat(Compression.choose(null, true)).isEqualTo(Compression.GZIP_FILE);
        assertThat(Compression.choose("gzip", true)).isEqualTo(Compression.GZIP_FILE);
    }
}
