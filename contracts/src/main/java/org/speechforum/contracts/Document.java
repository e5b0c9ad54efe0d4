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
 * <p>Enrichment fields ({@code contentHash} to {@code enrichedAt}) are null on raw documents. Fields after
 * {@code enrichedAt} were added later (still schema version 1, additions only):
 * <ul>
 *   <li>{@code speakers}: everyone who speaks in a speech transcript, in order of first turn;</li>
 *   <li>{@code annotations}: non-speech parts of a transcript (stage directions such as "(Applause.)",
 *       speaker turns) with their character offset in {@code text};</li>
 *   <li>{@code structure}: how the ingest parser recognised the input ({@code SPEECH_TRANSCRIPT},
 *       {@code FORUM_THREAD}, {@code ACTIVITYPUB}, {@code UNKNOWN} for text it could not classify);</li>
 *   <li>{@code updatedAt}, {@code context} (the conversation/thread the source names), {@code audience},
 *       {@code tags} (hashtags), {@code sensitive} (content warning) as ActivityPub carries them;</li>
 *   <li>{@code deleted}: true on a deletion marker on {@code documents.raw.v1}, which tells consumers to remove
 *       the document with this id; on the compacted {@code documents.enriched.v1} a deletion is a Kafka tombstone
 *       (value null, key = id) instead, so compaction drops the document's content.</li>
 * </ul>
 * <p>{@code parentSource} and {@code parentExternalId} name the parent the way its source does, for senders
 * that do not know our document ids; when {@code parentId} is missing, ingest-service derives it from them before
 * publishing (see {@link DocumentIds#parentOf}), so from {@code documents.raw.v1} on {@code parentId} is settled.
 * <p>{@code language} is what the source declared on {@code documents.raw.v1}; enrich-service replaces it with the
 * language it detects in the text (ISO 639-1, e.g. {@code de}) and its {@code languageConfidence} (0 to 1), and
 * keeps the declared one when the text is too short to tell. {@code taggerVersion} names the entity tagger and
 * its configuration that enriched the document ({@code bin/retag} replays the raw topic when it changes), and
 * {@code tagging} says whether entities were looked for ({@link Tagging}).
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
        List<Author> speakers,
        List<Annotation> annotations,
        String structure,
        Instant updatedAt,
        String context,
        String audience,
        List<String> tags,
        Boolean sensitive,
        Boolean deleted,

        String parentSource,
        String parentExternalId,
        Double languageConfidence,
        String taggerVersion,
        Tagging tagging) {

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
        private List<Author> speakers;
        private List<Annotation> annotations;
        private String structure;
        private Instant updatedAt;
        private String context;
        private String audience;
        private List<String> tags;
        private Boolean sensitive;
        private Boolean deleted;
        private String parentSource;
        private String parentExternalId;
        private Double languageConfidence;
        private String taggerVersion;
        private Tagging tagging;

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
            speakers = d.speakers;
            annotations = d.annotations;
            structure = d.structure;
            updatedAt = d.updatedAt;
            context = d.context;
            audience = d.audience;
            tags = d.tags;
            sensitive = d.sensitive;
            deleted = d.deleted;
            parentSource = d.parentSource;
            parentExternalId = d.parentExternalId;
            languageConfidence = d.languageConfidence;
            taggerVersion = d.taggerVersion;
            tagging = d.tagging;
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
        public Builder speakers(List<Author> v) { speakers = v; return this; }
        public Builder annotations(List<Annotation> v) { annotations = v; return this; }
        public Builder structure(String v) { structure = v; return this; }
        public Builder updatedAt(Instant v) { updatedAt = v; return this; }
        public Builder context(String v) { context = v; return this; }
        public Builder audience(String v) { audience = v; return this; }
        public Builder tags(List<String> v) { tags = v; return this; }
        public Builder sensitive(Boolean v) { sensitive = v; return this; }
        public Builder deleted(Boolean v) { deleted = v; return this; }
        public Builder parentSource(String v) { parentSource = v; return this; }
        public Builder parentExternalId(String v) { parentExternalId = v; return this; }
        public Builder languageConfidence(Double v) { languageConfidence = v; return this; }
        public Builder taggerVersion(String v) { taggerVersion = v; return this; }
        public Builder tagging(Tagging v) { tagging = v; return this; }

        public Document build() {
            return new Document(id, kind, source, externalId, url, title, author, publishedAt, publishedAtPrecision,
                    ingestedAt, language, text, parentId, upvotes, downvotes, edits, op, schemaVersion, contentHash,
                    entities, thread, links, enrichedAt, speakers, annotations, structure, updatedAt, context, audience, tags,
                    sensitive, deleted, parentSource, parentExternalId, languageConfidence, taggerVersion, tagging);
        }
    }
}
