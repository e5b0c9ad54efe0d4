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

    public DocumentEnricher(Clock clock, EntityTagger tagger, ThreadMemory threads) {
        this.clock = clock;
        this.tagger = tagger;
        this.threads = threads;
    }

    public Document enrich(Document raw) {
        if (raw.id() == null || raw.text() == null) {
            throw new IllegalArgumentException("A raw document needs an id and a text");
        }
        String text = TextNormaliser.normalise(raw.text());
        boolean forum = raw.kind() == DocumentKind.POST || raw.kind() == DocumentKind.COMMENT;
        ThreadContext context = threads.contextOf(raw.parentId());
        List<Entity> entities = tagger.tag(text, forum, context);
        threads.remember(raw.id(), EntityPipeline.extend(context, entities));
        return raw.toBuilder()
                .text(text)
                .contentHash(DocumentIds.sha256(text))
                .entities(entities)
                .enrichedAt(clock.instant())
                .build();
    }
}
