package org.speechforum.query.watch;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading a create request strictly: what a person sends and what they are told. */
class WatchRequestsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Watch parse(String body) {
        return WatchRequests.parse(JSON.readTree(body), "id-1", Instant.parse("2026-12-03T08:00:00Z"));
    }

    @Test
    void aQueryAndFiltersBecomeAWatch() {
        Watch watch = parse("{\"name\":\" BRICS \",\"q\":\"BRICS\",\"filters\":{\"kind\":[\"SPEECH\"],\"from\":\"2024-01-01\"}}");
        assertThat(watch.name()).isEqualTo("BRICS");
        assertThat(watch.q()).isEqualTo("BRICS");
        assertThat(watch.filters().kind()).containsExactly("SPEECH");
        assertThat(watch.filters().from()).isNotNull();
    }

    @Test
    void anUnknownFieldIsRefusedAndNamed() {
        assertThatThrownBy(() -> parse("{\"name\":\"x\",\"q\":\"a\",\"filter\":{}}"))
                .isInstanceOf(InvalidWatch.class).hasMessageContaining("Unknown field 'filter'");
    }

    @Test
    void aWatchWithoutQueryOrFilterIsRefused() {
        assertThatThrownBy(() -> parse("{\"name\":\"everything\"}"))
                .isInstanceOf(InvalidWatch.class).hasMessageContaining("needs a query");
    }

    @Test
    void aWatchNeedsAName() {
        assertThatThrownBy(() -> parse("{\"q\":\"a\"}")).isInstanceOf(InvalidWatch.class)
                .hasMessageContaining("name");
    }
}
