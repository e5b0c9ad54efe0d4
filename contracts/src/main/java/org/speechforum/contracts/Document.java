package org.speechforum.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * The canonical document (contract, schema version 1): one speech, post or comment, as ingest-service
 * publishes it on {@code documents.raw.v1} and enrich-service republishes it, enriched, on
 * {@code documents.enriched.v1}. Fields are only ever added, never renamed or removed; see
 * {@code schemas/document.v1.schema.json}.
 *
 * <p>Enrichment fields ({@code contentHash} to {@code enrichedAt}) are null on raw documents. Added later (still
 * schema version 1, additions only): {@code parentSource} and {@code parentExternalId} name the parent the way
 * its source does, for senders that do not know our document ids; when {@code parentId} is missing, the pipeline
 * derives it from them (see {@link DocumentIds#parentOf}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Document(
        String id,
        DocumentKind kind,
        String source,
        String externalId,
        String url,
        String title,
        Author author,
        Instant publishedAt,
        TimePrecision publishedAtPrecision,
        Instant ingestedAt,
        String language,
        String text,
        String parentId,
        Integer upvotes,
        Integer downvotes,
        Integer edits,
        Boolean op,
        Integer schemaVersion,
        String contentHash,
        List<Entity> entities,
        ThreadInfo thread,
        List<Link> links,
        Instant enrichedAt,
        String parentSource,
        String parentExternalId) {

    public static final int SCHEMA_VERSION = 1;

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Records have no withers yet; the services change a handful of fields, so one builder serves them all. */
    public static final class Builder {
        private String id;
        private DocumentKind kind;
        private String source;
        private String externalId;
        private String url;
        private String title;
        private Author author;
        private Instant publishedAt;
        private TimePrecision publishedAtPrecision;
        private Instant ingestedAt;
        private String language;
        private String text;
        private String parentId;
        private Integer upvotes;
        private Integer downvotes;
        private Integer edits;
        private Boolean op;
        private Integer schemaVersion;
        private String contentHash;
        private List<Entity> entities;
        private ThreadInfo thread;
        private List<Link> links;
        private Instant enrichedAt;
        private String parentSource;
        private String parentExternalId;

        private Builder() {
        }

        private Builder(Document d) {
            id = d.id;
            kind = d.kind;
            source = d.source;
            externalId = d.externalId;
            url = d.url;
            title = d.title;
            author = d.author;
            publishedAt = d.publishedAt;
            publishedAtPrecision = d.publishedAtPrecision;
            ingestedAt = d.ingestedAt;
            language = d.language;
            text = d.text;
            parentId = d.parentId;
            upvotes = d.upvotes;
            downvotes = d.downvotes;
            edits = d.edits;
            op = d.op;
            schemaVersion = d.schemaVersion;
            contentHash = d.contentHash;
            entities = d.entities;
            thread = d.thread;
            links = d.links;
            enrichedAt = d.enrichedAt;
            parentSource = d.parentSource;
            parentExternalId = d.parentExternalId;
        }

        public Builder id(String v) { id = v; return this; }
        public Builder kind(DocumentKind v) { kind = v; return this; }
        public Builder source(String v) { source = v; return this; }
        public Builder externalId(String v) { externalId = v; return this; }
        public Builder url(String v) { url = v; return this; }
        public Builder title(String v) { title = v; return this; }
        public Builder author(Author v) { author = v; return this; }
        public Builder publishedAt(Instant v) { publishedAt = v; return this; }
        public Builder publishedAtPrecision(TimePrecision v) { publishedAtPrecision = v; return this; }
        public Builder ingestedAt(Instant v) { ingestedAt = v; return this; }
        public Builder language(String v) { language = v; return this; }
        public Builder text(String v) { text = v; return this; }
        public Builder parentId(String v) { parentId = v; return this; }
        public Builder upvotes(Integer v) { upvotes = v; return this; }
        public Builder downvotes(Integer v) { downvotes = v; return this; }
        public Builder edits(Integer v) { edits = v; return this; }
        public Builder op(Boolean v) { op = v; return this; }
        public Builder schemaVersion(Integer v) { schemaVersion = v; return this; }
        public Builder contentHash(String v) { contentHash = v; return this; }
        public Builder entities(List<Entity> v) { entities = v; return this; }
        public Builder thread(ThreadInfo v) { thread = v; return this; }
        public Builder links(List<Link> v) { links = v; return this; }
        public Builder enrichedAt(Instant v) { enrichedAt = v; return this; }
        public Builder parentSource(String v) { parentSource = v; return this; }
        public Builder parentExternalId(String v) { parentExternalId = v; return this; }

        public Document build() {
            return new Document(id, kind, source, externalId, url, title, author, publishedAt, publishedAtPrecision,
                    ingestedAt, language, text, parentId, upvotes, downvotes, edits, op, schemaVersion, contentHash,
                    entities, thread, links, enrichedAt, parentSource, parentExternalId);
        }
    }
}
