package org.speechforum.enrich.threads;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The store the thread state lives in, shared by every enrich instance. What {@link Threader} relies on, and
 * what an implementation must give:
 * <ul>
 *   <li>{@link #get} is real time: it sees every write that completed before it started;</li>
 *   <li>{@link #write} is conditional per entry (optimistic concurrency): it succeeds only if the entry is still
 *       at the version read (or still absent), and each success gives the entry a higher version;</li>
 *   <li>{@link #children} and {@link #aggregates} are searches: they see every write that completed before the
 *       last {@link #refresh} started.</li>
 * </ul>
 */
public interface ThreadState {

    /** An entry as stored, with the version a conditional write must name. */
    record Stored(ThreadNode node, long version, long seqNo, long primaryTerm) {
    }

    /** Write {@code node}; {@code expected} is the entry as read, null when it must not exist yet. */
    record Write(ThreadNode node, Stored expected) {
    }

    Map<String, Stored> get(Collection<String> ids) throws IOException;

    /** Writes and returns the new versions of those that succeeded; the others met a conflict. */
    Map<String, Stored> write(List<Write> writes) throws IOException;

    void refresh() throws IOException;

    /** Ids of the entries whose declared parent is one of {@code parentIds}. */
    List<String> children(Collection<String> parentIds) throws IOException;

    /** The aggregates of each of these roots over the entries filed under it (roots with no entry are absent). */
    Map<String, ThreadNode.Aggregates> aggregates(Collection<String> rootIds) throws IOException;
}
