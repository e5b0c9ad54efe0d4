package org.speechforum.query.watch;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-memory copy of watches.v1: when it counts as read, creates, tombstones. */
class WatchRegistryTest {

    private static Watch watch(String id, String createdAt) {
        return new Watch(id, "name " + id, "q" + id, null, Instant.parse(createdAt));
    }

    @Test
    void anEmptyTopicIsReadAtOnceAndNothingWaits() throws Exception {
        WatchRegistry registry = new WatchRegistry();
        assertThat(registry.loaded()).isFalse();
        registry.startLoading(Map.of(0, 0L, 1, 0L, 2, 0L));
        assertThat(registry.loaded()).isTrue();
        assertThat(registry.awaitLoaded(Duration.ZERO)).isTrue();
    }

    @Test
    void loadedOnceEveryPartitionReachedItsEndOffsetAtStart() throws Exception {
        WatchRegistry registry = new WatchRegistry();
        registry.startLoading(Map.of(0, 2L, 1, 0L));
        registry.apply(0, 0, "a", watch("a", "2026-01-01T00:00:00Z"));
        assertThat(registry.awaitLoaded(Duration.ofMillis(10))).isFalse();
        registry.apply(0, 1, "b", watch("b", "2026-01-02T00:00:00Z"));
        assertThat(registry.loaded()).isTrue();
        assertThat(registry.all()).extracting(Watch::id).containsExactly("b", "a");
    }

    @Test
    void aPositionPastCompactedOffsetsAlsoCompletesTheLoad() {
        WatchRegistry registry = new WatchRegistry();
        registry.startLoading(Map.of(0, 10L));
        registry.reached(0, 10);
        assertThat(registry.loaded()).isTrue();
    }

    @Test
    void aTombstoneRemovesTheWatchAndTellsTheListeners() {
        WatchRegistry registry = new WatchRegistry();
        List<String> deleted = new java.util.ArrayList<>();
        registry.onDelete(deleted::add);
        registry.startLoading(Map.of(0, 0L));
        registry.apply(0, 0, "a", watch("a", "2026-01-01T00:00:00Z"));
        registry.apply(0, 1, "a", null);
        assertThat(registry.get("a")).isEmpty();
        assertThat(deleted).containsExactly("a");
    }

    @Test
    void aReaderStartingOverAfterAnErrorDoesNotMakeTheRegistryUnreadAgain() {
        WatchRegistry registry = new WatchRegistry();
        registry.startLoading(Map.of(0, 0L));
        registry.startLoading(Map.of(0, 50L));
        assertThat(registry.loaded()).isTrue();
    }
}
