package org.speechforum.ingest.uploads.thread;

/**
 * One comment as a recogniser found it: its header, its body text (page chrome removed, indentation removed)
 * and the index of its parent among the comments of the same reading, or {@code -1} when it replies to the
 * post or speech above the thread. {@code line} is its header's 0-based line in the upload.
 */
public record RawComment(int line, Header header, String body, int parent) {
}
