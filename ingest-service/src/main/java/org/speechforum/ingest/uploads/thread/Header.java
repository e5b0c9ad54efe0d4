package org.speechforum.ingest.uploads.thread;

/**
 * Who wrote a copied comment and what its header line said about it. {@code handle}/{@code instance} when the
 * front-end shows an account ({@code alice@lemmy.ml}, {@code u/alice}), {@code name} when it shows a display
 * name; {@code age} is the date as the page prints it ({@code 3 hours ago}, {@code Mar 3}), parsed later by
 * {@link PageDates}. Counters are null when the page does not show them. {@code role} is what the page shows
 * beside the name about the person: old Reddit's flair, Hexbear's pronoun tag.
 */
public record Header(String name, String handle, String instance, boolean op, Integer upvotes, Integer downvotes,
                     int edits, String age, String role) {

    public Header(String name, String handle, String instance, boolean op, Integer upvotes, Integer downvotes,
                  int edits, String age) {
        this(name, handle, instance, op, upvotes, downvotes, edits, age, null);
    }

    public static Header account(String handle, String instance) {
        return new Header(null, handle, instance, false, null, null, 0, null);
    }

    public static Header displayName(String name) {
        return new Header(name, null, null, false, null, null, 0, null);
    }

    public Header withRole(String role) {
        return new Header(name, handle, instance, op, upvotes, downvotes, edits, age, role);
    }

    public Header withOp(boolean op) {
        return new Header(name, handle, instance, op, upvotes, downvotes, edits, age, role);
    }

    public Header withName(String name) {
        return new Header(name, handle, instance, op, upvotes, downvotes, edits, age, role);
    }

    public Header withVotes(Integer upvotes, Integer downvotes) {
        return new Header(name, handle, instance, op, upvotes, downvotes, edits, age, role);
    }

    public Header withEdits(int edits) {
        return new Header(name, handle, instance, op, upvotes, downvotes, edits, age, role);
    }

    public Header withAge(String age) {
        return new Header(name, handle, instance, op, upvotes, downvotes, edits, age, role);
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
