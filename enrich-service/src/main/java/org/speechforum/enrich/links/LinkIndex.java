package org.speechforum.enrich.links;

import org.speechforum.contracts.DocumentKind;

import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * Where link candidates are looked up, shared by every enrich instance ({@link ElasticLinkIndex} in production):
 * one entry per document with its kind, URL, text and {@link LinkKeys}. {@link #speechesSharing} and
 * {@link #forumSharing} are searches: they see every {@link #put} that completed before the last
 * {@link #refresh} started.
 */
public interface LinkIndex {

    /** A document as stored for link finding. {@code urls} are the URLs its text names (forum documents). */
    record Entry(String id, DocumentKind kind, String url, String text, Collection<String> keys,
                 Collection<String> urls) {
    }

    void put(List<Entry> entries) throws IOException;

    void refresh() throws IOException;

    /** Speeches sharing a key with {@code keys} or whose URL is one of {@code urls}, best first. */
    List<Entry> speechesSharing(Collection<String> keys, Collection<String> urls, int size) throws IOException;

    /** Forum documents (POST, COMMENT) sharing a key with {@code keys} or naming {@code url}. */
    List<Entry> forumSharing(Collection<String> keys, String url, int size) throws IOException;

    /** {@link #speechesSharing} for each forum entry of a batch, answers in the same order (one round trip). */
    default List<List<Entry>> speechesSharingEach(List<Entry> forum, int size) throws IOException {
        List<List<Entry>> out = new java.util.ArrayList<>(forum.size());
        for (Entry e : forum) {
            out.add(speechesSharing(e.keys(), e.urls(), size));
        }
        return out;
    }

    /** {@link #forumSharing} for each speech entry of a batch, answers in the same order (one round trip). */
    default List<List<Entry>> forumSharingEach(List<Entry> speeches, int size) throws IOException {
        List<List<Entry>> out = new java.util.ArrayList<>(speeches.size());
        for (Entry e : speeches) {
            out.add(forumSharing(e.keys(), e.url(), size));
        }
        return out;
    }
}
