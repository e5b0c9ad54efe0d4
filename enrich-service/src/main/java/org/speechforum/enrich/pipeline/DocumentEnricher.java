package org.speechforum.enrich.pipeline;

import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentIds;
import org.speechforum.enrich.text.TextNormaliser;

import java.time.Clock;

/** Everything enrich-service does to one document, in plain Java: normalise the text and hash its content. */
public class DocumentEnricher {

    private final Clock clock;

    public DocumentEnricher(Clock clock) {
        this.clock = clock;
    }

    public Document enrich(Document raw) {
        if (raw.id() == null || raw.text() == null) {
            throw new IllegalArgumentException("A raw document needs an id and a text");
        }
        String text = TextNormaliser.normalise(raw.text());
        return raw.toBuilder()
                .text(text)
                .contentHash(DocumentIds.sha256(text))
                .enrichedAt(clock.instant())
                .build();
    }
}
