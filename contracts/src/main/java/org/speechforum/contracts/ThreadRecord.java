package org.speechforum.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * A document's thread state as enrich-service decided it (contract, {@code documents.threads.v1}, compacted,
 * keyed by document id): its place, and on a thread's root the thread aggregates. {@code version} grows with
 * every change of this document's state (it is the version of the document's entry in enrich-service's thread
 * state); a consumer keeps the record with the highest version and ignores older ones, so records may arrive
 * late, twice or out of order and replaying the topic in any order of partitions gives the same final state.
 * Aggregates are null on documents that are not (or no longer) roots. {@code links} is the document's whole link
 * list as enrich-service knows it (its own links plus DISCUSSES / QUOTES links found when a speech arrived after
 * it), in the same version sequence; null only on records of producers that do not track links.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ThreadRecord(String documentId, long version, ThreadInfo thread, Long replyCount,
                           Long participantCount, Instant lastActivityAt, List<Link> links) {

    public ThreadRecord(String documentId, long version, ThreadInfo thread, Long replyCount, Long participantCount,
                        Instant lastActivityAt) {
        this(documentId, version, thread, replyCount, participantCount, lastActivityAt, null);
    }

    /** True when this record is newer than a stored one of version {@code stored} (null: nothing stored). */
    public boolean newerThan(Long stored) {
        return stored == null || version > stored;
    }
}
