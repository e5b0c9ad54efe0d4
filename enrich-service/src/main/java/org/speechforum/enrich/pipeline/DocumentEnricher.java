package org.speechforum.enrich.pipeline;

import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentIds;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.contracts.Entity;
import org.speechforum.enrich.entities.EntityPipeline;
import org.speechforum.enrich.entities.EntityTagger;
import org.speechforum.enrich.entities.ThreadContext;
import org.speechforum.enrich.entities.ThreadMemory;
import org.speechforum.enrich.text.TextNormaliser;
import org.speechforum.kafka.PermanentFailure;

import java.time.Clock;
import java.util.List;

/**
 * Everything enrich-service does to one document, in plain Java: normalise the text, hash its content, and tag the
 * entities of the normalised text (so every mention offset slices the published text). Thread-safe.
 */
public class DocumentEnricher {

    private final Clock clock;
    private final EntityTagger tagger;
    private final ThreadMemory threads;
    private final boolean deriveMissingIds;

    /**
     * @param deriveMissingIds give a raw document that arrives without an id (a producer that bypassed
     *                         ingest-service) the deterministic id ingest-service would have given it, instead of
     *                         refusing it; for an operator repairing such records from the dead-letter topic
     */
    public DocumentEnricher(Clock clock, EntityTagger tagger, ThreadMemory threads, boolean deriveMissingIds) {
        this.clock = clock;
        this.tagger = tagger;
        this.threads = threads;
        this.deriveMissingIds = deriveMissingIds;
    }

    /** @throws PermanentFailure if the document can never be enriched (no id, no text): retrying cannot help */
    public Document enrich(Document raw) {
        if (raw.text() == null) {
            throw new PermanentFailure("A raw document needs a text; " + raw.id() + " has none");
        }
        String id = raw.id();
        if (id == null || id.isBlank()) {
            id = deriveMissingIds ? derivedId(raw) : null;
            if (id == null) {
                throw new PermanentFailure("A raw document needs an id (ingest-service assigns it); this one has"
                        + " none" + (deriveMissingIds ? " and no source and kind to derive it from"
                        : ", set enrich.derive-missing-ids=true to derive it from source and externalId or text"));
            }
        }
        String text = TextNormaliser.normalise(raw.text());
        boolean forum = raw.kind() == DocumentKind.POST || raw.kind() == DocumentKind.COMMENT;
        ThreadContext context = threads.contextOf(raw.parentId());
        List<Entity> entities = tagger.tag(text, forum, context, raw.speakers(), raw.author());
        threads.remember(id, EntityPipeline.extend(context, entities));
        return raw.toBuilder()
                .id(id)
                .text(text)
                .contentHash(DocumentIds.sha256(text))
                .entities(entities)
                .enrichedAt(clock.instant())
                .build();
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
