package org.speechforum.ingest.canonical;

import org.junit.jupiter.api.Test;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentIds;
import org.speechforum.contracts.DocumentKind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One thread from several sources is one thread: the parent id a document arrives with, however the sender
 * named the parent, is the id the parent itself got.
 */
class ParentIdentityTest {

    private static final String POST_URL = "https://lemmygrad.ml/post/1234";

    /** The id ActivityPub ingest gives the object with this id: source = host of the object id. */
    private static String activityPubId(String objectId) {
        return DocumentIds.of(DocumentIds.urlHost(objectId), objectId);
    }

    @Test
    void aScraperReplyNamingTheParentByItsUrlJoinsTheActivityPubThread() {
        Document reply = Document.builder().kind(DocumentKind.COMMENT).source("lemmy-scraper")
                .externalId("c-99").parentExternalId(POST_URL).text("x").build();

        assertThat(DocumentIds.parentOf(reply)).isEqualTo(activityPubId(POST_URL));
    }

    @Test
    void aCanonicalPostGivenTheSameSourceAndExternalIdAsActivityPubIsTheSameDocument() {
        assertThat(DocumentIds.of("lemmygrad.ml", POST_URL)).isEqualTo(activityPubId(POST_URL));
        assertThat(DocumentIds.of("LemmyGrad.ml", POST_URL)).as("source case is ignored")
                .isEqualTo(activityPubId(POST_URL));
    }

    @Test
    void parentsNamedInTheSendersOwnIdsUseTheGivenOrOwnSource() {
        Document sameSource = Document.builder().source("forum.example").parentExternalId("42").build();
        Document otherSource = Document.builder().source("forum.example").parentSource("kremlin.ru")
                .parentExternalId("74332").build();
        Document explicit = Document.builder().source("forum.example").parentId("abc").parentExternalId("42").build();

        assertThat(DocumentIds.parentOf(sameSource)).isEqualTo(DocumentIds.of("forum.example", "42"));
        assertThat(DocumentIds.parentOf(otherSource)).isEqualTo(DocumentIds.of("kremlin.ru", "74332"));
        assertThat(DocumentIds.parentOf(explicit)).isEqualTo("abc");
        assertThat(DocumentIds.parentOf(Document.builder().source("x").build())).isNull();
    }
}
