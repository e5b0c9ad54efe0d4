package org.speechforum.query.thread;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadTreeTest {

    @Test
    void nestsRepliesOldestFirst() {
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        List<ThreadTree.Item> items = List.of(
                item("c4", "c1", t.plusSeconds(40)), item("c3", "c2", t.plusSeconds(30)),
                item("s", null, t), item("c2", "c1", t.plusSeconds(20)), item("c1", "s", t.plusSeconds(10)));

        ThreadTree.Tree tree = ThreadTree.build("s", items);

        assertThat(shape(tree.root())).isEqualTo("s(c1(c2(c3),c4))");
        assertThat(tree.size()).isEqualTo(5);
        assertThat(tree.detached()).isEmpty();
    }

    @Test
    void documentsWhoseParentIsMissingAreDetachedNotLost() {
        ThreadTree.Tree tree = ThreadTree.build("s", List.of(item("s", null, null), item("x", "gone", null)));

        assertThat(shape(tree.root())).isEqualTo("s");
        assertThat(tree.detached()).extracting(n -> n.get("id")).containsExactly("x");
        assertThat(ThreadTree.build("nope", List.of(item("s", null, null)))).isNull();
    }

    @Test
    void excerptsCutAtAWordAndTheLinkedSpeechIsTheMostLinked() {
        assertThat(ThreadTree.excerpt("one two three four", 9)).isEqualTo("one two…");
        assertThat(ThreadTree.excerpt(" short\n text ", 50)).isEqualTo("short text");
        assertThat(ThreadTree.linkedSpeech(List.of(
                List.of(Map.entry("QUOTES", "a")), List.of(Map.entry("DISCUSSES", "b")), List.of(Map.entry("QUOTES", "b")),
                List.of(Map.entry("QUOTES", "a"), Map.entry("REPLIES_TO", "x"))))).isEqualTo("b");
        assertThat(ThreadTree.linkedSpeech(List.of(List.of()))).isNull();
    }

    private static ThreadTree.Item item(String id, String parent, Instant at) {
        return new ThreadTree.Item(id, parent, at, Map.of());
    }

    @SuppressWarnings("unchecked")
    static String shape(Map<String, Object> node) {
        List<Map<String, Object>> children = (List<Map<String, Object>>) node.get("children");
        if (children.isEmpty()) {
            return (String) node.get("id");
        }
        return node.get("id") + "(" + String.join(",", children.stream().map(ThreadTreeTest::shape).toList()) + ")";
    }
}
