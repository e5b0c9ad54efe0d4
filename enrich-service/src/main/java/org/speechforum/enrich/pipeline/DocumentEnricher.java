package org.speechforum.enrich.pipeline;

import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentIds;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.contracts.Entity;
import org.speechforum.contracts.Tagging;
import org.speechforum.enrich.languages.LanguageDetection;
import org.speechforum.enrich.entities.EntityPipeline;
import org.speechforum.enrich.entities.EntityTagger;
import org.speechforum.enrich.entities.ThreadContext;
import org.speechforum.enrich.entities.ThreadMemory;
import org.speechforum.enrich.text.TextNormaliser;
import org.speechforum.kafka.PermanentFailure;

import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Everything enrich-service does to one document, in plain Java: normalise the text, hash its content, detect its
 * language, and tag the entities of the normalised text (so every mention offset slices the published text) when
 * the tagger supports that language. Thread-safe.
 */
public class DocumentEnricher {

    private final Clock clock;
    private final EntityTagger tagger;
    private final ThreadMemory threads;
    private final boolean deriveMissingIds;
    private final LanguageDetection languages;
    private final Set<String> taggedLanguages;
    private final String taggerVersion;

    /**
     * The one way to build it (enrich-service's EnrichmentConfig, tests and the bench alike).
     *
     * @param deriveMissingIds give a raw document that arrives without an id (a producer that bypassed
     *                         ingest-service) the deterministic id ingest-service would have given it, instead of
     *                         refusing it; for an operator repairing such records from the dead-letter topic
     * @param languages       detects each document's language ({@link LanguageDetection#none()}: keep the declared one)
     * @param taggedLanguages the languages (ISO 639-1) the tagger supports; a document detected or declared in another
     *                        one is not tagged and says so ({@link Tagging#SKIPPED_LANGUAGE}); empty: tag everything
     * @param taggerVersion   stored on every enriched document ({@code taggerVersion}), so a re-tag can tell old from new
     */
    public DocumentEnricher(Clock clock, EntityTagger tagger, ThreadMemory threads, boolean deriveMissingIds,
                            LanguageDetection languages, Set<String> taggedLanguages, String taggerVersion) {
        this.clock = clock;
        this.tagger = tagger;
        this.threads = threads;
        this.deriveMissingIds = deriveMissingIds;
        this.languages = languages;
        this.taggedLanguages = Set.copyOf(taggedLanguages);
        this.taggerVersion = taggerVersion;
    }

    /**
     * Enriches with the memory given at construction (tools and tests that enrich one by one).
     *
     * @throws PermanentFailure if the document can never be enriched (no id, no text): retrying cannot help
     */
    public Document enrich(Document raw) {
        return enrich(raw, threads);
    }

    /**
     * Enriches with {@code memory}: the batch's view of the thread state (the listener), from which the tagger
     * learns the names the document's thread used above it, and into which the document's own go.
     *
     * @throws PermanentFailure if the document can never be enriched (no id, no text): retrying cannot help
     */
    public Document enrich(Document raw, ThreadMemory memory) {
        if (raw.text() == null) {
            throw new PermanentFailure("A raw document needs a text; " + raw.id() + " has none");
        }
        String id = idOf(raw);
        if (id == null) {
            throw new PermanentFailure("A raw document needs an id (ingest-service assigns it); this one has"
                    + " none" + (deriveMissingIds ? " and no source and kind to derive it from"
                    : ", set enrich.derive-missing-ids=true to derive it from source and externalId or text"));
        }
        String text = TextNormaliser.normalise(raw.text());
        // The text decides the language; a source's declaration counts only when the text is too short to tell.
        LanguageDetection.Detected detected = languages.detect(text);
        String language = detected != null ? detected.language() : LanguageDetection.normalise(raw.language());
        boolean taggable = taggedLanguages.isEmpty() || language == null || taggedLanguages.contains(language);
        boolean forum = raw.kind() == DocumentKind.POST || raw.kind() == DocumentKind.COMMENT;
        ThreadContext context = memory.contextOf(raw.parentId());
        List<Entity> entities = taggable ? tagger.tag(text, forum, context, raw.speakers(), raw.author()) : List.of();
        memory.remember(id, EntityPipeline.extend(context, entities));
        return raw.toBuilder()
                .id(id)
                .text(text)
                .contentHash(DocumentIds.sha256(text))
                .language(language)
                .languageConfidence(detected == null ? null : detected.confidence())
                .entities(entities)
                .tagging(new Tagging(taggable ? Tagging.TAGGED : Tagging.SKIPPED_LANGUAGE, language))
                .taggerVersion(taggerVersion)
                .enrichedAt(clock.instant())
                .build();
    }

    /**
     * What link finding needs of {@code raw} before it is tagged: the id and the text {@link #enrich} gives it (link
     * offsets are in the normalised text); null for a document {@link #enrich} refuses. Link keys do not depend on
     * tags, so the listener looks links up while the batch is being tagged.
     */
    public Document linkView(Document raw) {
        String id = raw.text() == null ? null : idOf(raw);
        return id == null ? null : raw.toBuilder().id(id).text(TextNormaliser.normalise(raw.text())).build();
    }

    /** The document's id, derived when missing and {@code deriveMissingIds}; null when it has none. */
    private String idOf(Document raw) {
        String id = raw.id();
        if (id == null || id.isBlank()) {
            id = deriveMissingIds ? derivedId(raw) : null;
        }
        return id;
    }

    /** The id ingest-service's reader gives: source and external id, else source, kind and text. */
    private static String derivedId(Document raw) {
        if (raw.source() == null || raw.source().isBlank()) {
            return null;
        }
        if (raw.externalId() != null && !raw.externalId().isBlank()) {
            return DocumentIds.of(raw.source(), raw.externalId());
        }
        return raw.kind() == null ? null : DocumentIds.fromContent(raw.source(), raw.kind(), raw.text());
    }
}
