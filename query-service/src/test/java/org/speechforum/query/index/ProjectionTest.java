package org.speechforum.query.index;

import org.junit.jupiter.api.Test;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.contracts.Link;
import org.speechforum.contracts.ThreadInfo;
import org.speechforum.contracts.ThreadRecord;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectionTest {

    private static final Document BODY = Document.builder().id("c").kind(DocumentKind.COMMENT).source("s")
            .text("t").parentId("p").build();

    private static ThreadRecord record(long version, String root) {
        return new ThreadRecord("c", version, new ThreadInfo(root, "p", 1, List.of(root, "c"), false), null, null, null);
    }

    @Test
    void aThreadRecordBeforeItsDocumentIsKeptAsAStubThatTheBodyThenCarries() {
        Projection.Op stub = Projection.decide("c", Projection.fold(List.of(record(3, "p"))).get("c"), null);
        assertThat(stub).isInstanceOfSatisfying(Projection.PutThread.class, t -> {
            assertThat(t.expected()).isNull();
            assertThat(t.partial().get("id").asString()).isEqualTo("c");
            assertThat(t.partial().get("kind")).as("a stub has no kind: the read alias hides it").isNull();
            assertThat(t.partial().get("threadVersion").asLong()).isEqualTo(3);
        });
        Projection.Stored stored = new Projection.Stored(true, 3L,
                ((Projection.PutThread) stub).partial().get("thread"), 7, 1);

        Projection.Op body = Projection.decide("c", Projection.fold(List.of(BODY)).get("c"), stored);

        assertThat(body).isInstanceOfSatisfying(Projection.Put.class, p -> {
            assertThat(p.json().get("kind").asString()).isEqualTo("COMMENT");
            assertThat(p.json().get("thread").get("rootId").asString()).isEqualTo("p");
            assertThat(p.json().get("threadVersion").asLong()).isEqualTo(3);
            assertThat(p.expected()).isSameAs(stored);
        });
    }

    @Test
    void anOlderThreadRecordChangesNothingAndTheNewestOfABatchWins() {
        Map<String, Projection.Intent> batch = Projection.fold(List.of(record(5, "x"), record(9, "y"), record(7, "z")));
        assertThat(batch.get("c").thread().version()).isEqualTo(9);
        Projection.Stored newer = new Projection.Stored(false, 10L, null, 1, 1);

        assertThat(Projection.decide("c", batch.get("c"), newer)).isNull();
        Projection.Op withBody = Projection.decide("c", Projection.fold(List.of(BODY, record(9, "y"))).get("c"),
                new Projection.Stored(false, 10L, Projection.threadJson(record(10, "w")), 1, 1));
        assertThat(((Projection.Put) withBody).json().get("thread").get("rootId").asString()).isEqualTo("w");
    }

    @Test
    void aNewerRecordOnAStoredDocumentIsAConditionalPartialUpdateThatClearsAggregatesOffRoots() {
        Projection.Stored stored = new Projection.Stored(false, 2L, null, 11, 1);

        Projection.Op op = Projection.decide("c", Projection.fold(List.of(record(4, "p"))).get("c"), stored);

        assertThat(op).isInstanceOfSatisfying(Projection.PutThread.class, t -> {
            assertThat(t.expected()).isSameAs(stored);
            assertThat(t.partial().get("id")).isNull();
            assertThat(t.partial().get("thread").get("replyCount").isNull()).isTrue();
        });
    }

    @Test
    void theThreadRecordsLinksOutrankTheBodysInEitherOrder() {
        Link forward = new Link("QUOTES", "s1", 0, 10, 0.8);
        Link reverse = new Link("DISCUSSES", "s2", null, null, 1.0);
        Document body = BODY.toBuilder().links(List.of(forward)).build();
        ThreadRecord record = new ThreadRecord("c", 6, new ThreadInfo("p", "p", 1, List.of("p", "c"), false),
                null, null, null, List.of(forward, reverse));

        // Record first (a stub), then the body: the body keeps the record's links.
        Projection.PutThread stub = (Projection.PutThread) Projection.decide("c",
                Projection.fold(List.of(record)).get("c"), null);
        assertThat(stub.partial().get("links").toString()).contains("s1", "s2");
        Projection.Put later = (Projection.Put) Projection.decide("c", Projection.fold(List.of(body)).get("c"),
                new Projection.Stored(true, 6L, stub.partial().get("thread"), 1, 1, stub.partial().get("links")));
        // Body first, then the record: the record's links replace the body's.
        Projection.Put first = (Projection.Put) Projection.decide("c", Projection.fold(List.of(body)).get("c"), null);
        assertThat(first.json().get("links").toString()).doesNotContain("s2");
        Projection.PutThread update = (Projection.PutThread) Projection.decide("c",
                Projection.fold(List.of(record)).get("c"), new Projection.Stored(false, null, null, 1, 1,
                        first.json().get("links")));

        assertThat(later.json().get("links")).isEqualTo(update.partial().get("links"));
        assertThat(Projection.decide("c", Projection.fold(List.of(body, record)).get("c"), null))
                .isInstanceOfSatisfying(Projection.Put.class,
                        p -> assertThat(p.json().get("links")).isEqualTo(update.partial().get("links")));
    }

    @Test
    void aTombstoneDeletes() {
        Document tombstone = BODY.toBuilder().deleted(true).build();
        assertThat(Projection.decide("c", Projection.fold(List.of(BODY, tombstone)).get("c"), null))
                .isInstanceOf(Projection.Delete.class);
    }
}
