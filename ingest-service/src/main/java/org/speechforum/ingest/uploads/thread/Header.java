package org.speechforum.ingest.uploads.thread;

/**
 * Who wrote a copied comment and what its header line said about it. {@code handle}/{@code instance} when the
 * front-end shows an account ({@code alice@lemmy.ml}, {@code u/alice}), {@code name} when it shows a display
 * name; {@code age} is the date as the page prints it ({@code 3 hours ago}, {@code Mar 3}), parsed later by
 * {@link PageDates}. Counters are null when the page does not show them.
 */
public record Header(String name, String handle, String instance, boolean op, Integer upvotes, Integer downvotes,
                     int edits, String age) {

    public static Header account(String handle, String instance) {
        return new Header(null, handle, instance, false, null, null, 0, null);
    }

    public static Header displayName(String name) {
        return new Header(name, null, null, false, null, null, 0, null);
    }

    public Header withOp(boolean op) {
        return new Header(name, handle, instance, op, upvotes, downvotes, edits, age);
    }

    public Header withName(String name) {
        return new Header(name, handle, instance, op, upvotes, downvotes, edits, age);
    }

    public Header withVotes(Integer upvotes, Integer downvotes) {
        return new Header(name, handle, instance, op, upvotes, downvotes, edits, age);
    }

    public Header withEdits(int edits) {
        return new Header(name, handle, instance, op, upvotes, downvotes, edits, age);
    }

    public Header withAge(String age) {
        return new Header(name, handle, instance, op, upvotes, downvotes, edits, age);
    }

    /**
     * {@code handle@instance}, the handle, or the display name (with {@code @instance} when known): how the
     * corpus and the ids name an author.
     */
    public String who() {
        String who = handle != null ? handle : name;
        return instance == null || who == null ? who : who + "@" + instance;
    }
}
