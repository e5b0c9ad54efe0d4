package org.speechforum.enrich.retag;

import org.junit.jupiter.api.Test;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentKind;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetagFilterTest {

    private static final Instant FROM = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2025-01-01T00:00:00Z");

    private static Document doc(String source, String publishedAt, boolean deleted) {
        return Document.builder().id("x").kind(DocumentKind.POST).source(source).text("t")
                .publishedAt(publishedAt == null ? null : Instant.parse(publishedAt))
                .deleted(deleted ? true : null).build();
    }

    @Test
    void selectsBySourceAndByPublishedAtFromInclusiveToExclusive() {
        RetagFilter filter = new RetagFilter(List.of("a"), FROM, TO);
        assertThat(filter.matches(doc("a", "2024-01-01T00:00:00Z", false))).isTrue();
        assertThat(filter.matches(doc("a", "2024-12-31T23:59:59Z", false))).isTrue();
        assertThat(filter.matches(doc("a", "2025-01-01T00:00:00Z", false))).isFalse();
        assertThat(filter.matches(doc("a", "2023-12-31T23:59:59Z", false))).isFalse();
        assertThat(filter.matches(doc("b", "2024-06-01T00:00:00Z", false))).isFalse();
        assertThat(filter.matches(doc("a", null, false))).as("no date, date bounds set").isFalse();
    }

    @Test
    void aDeletionMarkerOfASelectedSourcePassesWhateverTheDates() {
        RetagFilter filter = new RetagFilter(List.of("a"), FROM, TO);
        assertThat(filter.matches(doc("a", null, true))).isTrue();
        assertThat(filter.matches(doc("b", null, true))).isFalse();
    }

    @Test
    void noFilterSelectsEverything() {
        assertThat(RetagFilter.all().matches(doc("any", null, false))).isTrue();
        assertThat(RetagFilter.all().describe()).isEqualTo("sources=* from=* to=*");
    }

    @Test
    void theHashIgnoresTheOrderOfSources() {
        assertThat(new RetagFilter(List.of("b", "a"), null, null).hash())
                .isEqualTo(new RetagFilter(List.of("a", "b"), null, null).hash())
                .isNotEqualTo(new RetagFilter(List.of("a"), null, null).hash());
    }

    @Test
    void checkpointsRoundTripAndOtherMetadataIsNone() {
        RetagCheckpoint checkpoint = new RetagCheckpoint(1234, "abcd1234");
        assertThat(RetagCheckpoint.parse(checkpoint.encode())).contains(checkpoint);
        assertThat(RetagCheckpoint.parse("")).isEmpty();
        assertThat(RetagCheckpoint.parse(null)).isEmpty();
        assertThat(RetagCheckpoint.parse("retag.v1 until=x filter=y")).isEmpty();
    }

    @Test
    void settingsRefuseAnEmptyRangeAndBadSizes() {
        assertThatThrownBy(() -> new RetagProperties(true, "", List.of(), TO, FROM, 0, 500, Duration.ofSeconds(10)))
                .hasMessageContaining("must be before");
        assertThatThrownBy(() -> new RetagProperties(true, "", List.of(), null, null, 0, 0, Duration.ofSeconds(10)))
                .hasMessageContaining("batch-size");
        assertThat(new RetagProperties(true, " n ", List.of(" a ", ""), null, null, 0, 500, Duration.ofSeconds(10))
                .filter().sources()).containsExactly("a");
    }
}
