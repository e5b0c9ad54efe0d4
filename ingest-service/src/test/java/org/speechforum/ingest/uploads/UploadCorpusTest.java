package org.speechforum.ingest.uploads;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upload parser on real pasted pages ({@code src/test/resources/corpus}, see its README): prints the
 * per-file and per-format table and holds the floors of issue 12 — at least 90% of all files exact, the seed
 * exact, every file read into at least one document.
 */
class UploadCorpusTest {

    @Test
    void atLeastNineInTenPastedPagesComeOutExactlyAsExpected() {
        boolean tuningOnly = Boolean.getBoolean("corpus.tuning-only");
        List<UploadCorpus.Row> rows = UploadCorpus.evaluate(!tuningOnly);
        System.out.println(UploadCorpus.table(rows));
        for (String file : System.getProperty("corpus.show", "").split(",")) {
            if (!file.isBlank()) {
                System.out.println(UploadCorpus.show(file.strip()));
            }
        }

        assertThat(rows).hasSizeGreaterThanOrEqualTo(tuningOnly ? 20 : 30);
        assertThat(rows.stream().map(UploadCorpus.Row::format).distinct().count()).isGreaterThanOrEqualTo(10);
        assertThat(rows).filteredOn(r -> r.file().endsWith("seed.txt")).singleElement()
                .satisfies(seed -> assertThat(seed.exact()).as(seed.problems().toString()).isTrue());
        assertThat(rows).allSatisfy(r -> assertThat(r.kept()).as("content words kept of %s", r.file())
                .isGreaterThanOrEqualTo(0.75));
        long exact = rows.stream().filter(UploadCorpus.Row::exact).count();
        assertThat(exact * 10).as("exact files: %d of %d", exact, rows.size()).isGreaterThanOrEqualTo(rows.size() * 9L);
    }
}
