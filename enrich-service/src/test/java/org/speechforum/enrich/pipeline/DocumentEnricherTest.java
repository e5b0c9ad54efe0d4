package org.speechforum.enrich.pipeline;

import org.junit.jupiter.api.Test;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentIds;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.enrich.entities.EntityPipeline;
import org.speechforum.enrich.entities.ThreadMemory;
import org.speechforum.enrich.languages.LanguageDetection;
import org.speechforum.kafka.PermanentFailure;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocumentEnricherTest {

    private static final EntityPipeline TAGGER = EntityPipeline.createRulesOnly();
    private final Clock clock = Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC);

    private DocumentEnricher enricher(boolean deriveMissingIds) {
        return new DocumentEnricher(clock, TAGGER, new ThreadMemory(100), deriveMissingIds,
                LanguageDetection.none(), Set.of(), null);
    }
    private final Document withoutId = Document.builder().kind(DocumentKind.POST).source("Forum ")
            .externalId("42").text("Hello\r\nworld ").build();

    @Test
    void aDocumentWithoutIdIsAPermanentFailureByDefault() {
        assertThatThrownBy(() -> enricher(false).enrich(withoutId))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("needs an id")
                .hasMessageContaining("enrich.derive-missing-ids");
    }

    @Test
    void aDocumentWithoutTextIsAPermanentFailure() {
        Document noText = Document.builder().id("x").kind(DocumentKind.POST).source("s").build();
        assertThatThrownBy(() -> enricher(true).enrich(noText))
                .isInstanceOf(PermanentFailure.class).hasMessageContaining("text");
    }

    @Test
    void whenAskedTheIdIsTheOneIngestServiceWouldHaveGiven() {
        Document enriched = enricher(true).enrich(withoutId);
        assertThat(enriched.id()).isEqualTo(DocumentIds.of("Forum ", "42"));
        assertThat(enriched.text()).isEqualTo("Hello\nworld");
        assertThat(enriched.contentHash()).isEqualTo(DocumentIds.sha256("Hello\nworld"));

        Document noExternalId = withoutId.toBuilder().externalId(null).build();
        assertThat(enricher(true).enrich(noExternalId).id())
                .isEqualTo(DocumentIds.fromContent("Forum ", DocumentKind.POST, "Hello\r\nworld "));
    }

    @Test
    void aDocumentWithItsIdKeepsIt() {
        Document raw = withoutId.toBuilder().id("given").build();
        assertThat(enricher(true).enrich(raw).id()).isEqualTo("given");
    }
}
