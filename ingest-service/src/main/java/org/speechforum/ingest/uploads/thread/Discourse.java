package org.speechforum.ingest.uploads.thread;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Discourse topic copied from its page: each post is the user name, the full name when the forum shows it,
 * a reply-to tab ({@code ↩ bob}) when the post answers one that is not right above it, the date
 * ({@code Feb 10}, {@code Feb '23}, {@code 2d}), the text, then counters such as {@code 2 Replies} and
 * {@code 1 Like}. The first post is the topic's post; a post with a reply-to tab replies to the latest post by
 * that user; one without replies to the post right above when that post shows replies not yet accounted for,
 * otherwise to the topic.
 */
public final class Discourse implements ThreadFormat {

    public static final String NAME = "discourse";

    private static final Pattern USER = Pattern.compile("^(?<user>[A-Za-z0-9_][A-Za-z0-9_.-]{1,39})$");
    private static final Pattern FULL_NAME = Pattern.compile("^[\\p{L}][\\p{L}.'’ -]{1,60}$");
    private static final Pattern REPLY_TAB = Pattern.compile("^(?:↩|⤶|reply-to|arrow-left)\\s*(?<user>[A-Za-z0-9_.-]{2,40})$");
    private static final Pattern REPLIES = Pattern.compile("^(?<n>\\d+) Repl(?:y|ies)$");
    private static final Pattern LIKES = Pattern.compile("^\\d+ Likes?$");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int minimumComments() {
        return 2;
    }

    private record Found(int line, int bodyFrom, String user, String fullName, String replyTo, String date) {
    }

    @Override
    public ThreadReading read(String[] lines) {
        List<Found> posts = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (i > 0 && !lines[i - 1].isBlank()) {
                continue;
            }
            Found found = header(lines, i);
            if (found != null) {
                posts.add(found);
                i = found.bodyFrom() - 1;
            }
        }
        if (posts.isEmpty()) {
            return new ThreadReading(NAME, lines.length, List.of(), false, List.of());
        }
        List<RawComment> comments = new ArrayList<>();
        int[] outstanding = new int[posts.size()];
        for (int c = 0; c < posts.size(); c++) {
            Found post = posts.get(c);
            int end = c + 1 < posts.size() ? posts.get(c + 1).line() : lines.length;
            int replies = 0;
            int bodyEnd = end;
            while (bodyEnd > post.bodyFrom()) {
                String last = lines[bodyEnd - 1].strip();
                Matcher r = REPLIES.matcher(last);
                if (last.isEmpty() || LIKES.matcher(last).matches()) {
                    bodyEnd--;
                } else if (r.matches()) {
                    replies = Integer.parseInt(r.group("n"));
                    bodyEnd--;
                } else {
                    break;
                }
            }
            int parent;
            if (c == 0) {
                parent = -1;
            } else if (post.replyTo() != null) {
                parent = 0;
                for (int j = c - 1; j >= 0; j--) {
                    if (posts.get(j).user().equalsIgnoreCase(post.replyTo())) {
                        parent = j;
                        break;
                    }
                }
            } else {
                parent = outstanding[c - 1] > 0 ? c - 1 : 0;
            }
            if (parent >= 0) {
                outstanding[parent]--;
            }
            outstanding[c] = replies;
            Header header = Header.account(post.user(), null).withName(post.fullName()).withAge(post.date());
            comments.add(new RawComment(post.line(), header, Lines.body(lines, post.bodyFrom(), bodyEnd, Set.of()), parent));
        }
        return new ThreadReading(NAME, posts.getFirst().line(), comments, true, List.of());
    }

    /** user, [full name], [↩ user], date — all on their own lines. */
    private static Found header(String[] lines, int i) {
        Matcher user = USER.matcher(lines[i].strip());
        if (!user.matches() || PageDates.isDate(lines[i].strip())) {
            return null;
        }
        String fullName = null;
        String replyTo = null;
        for (int j = i + 1; j < Math.min(lines.length, i + 4); j++) {
            String line = lines[j].strip();
            Matcher tab = REPLY_TAB.matcher(line);
            if (isDiscourseDate(line)) {
                return new Found(i, j + 1, user.group("user"), fullName, replyTo, line);
            } else if (tab.matches() && replyTo == null) {
                replyTo = tab.group("user");
            } else if (fullName == null && replyTo == null && FULL_NAME.matcher(line).matches()) {
                fullName = line;
            } else {
                return null;
            }
        }
        return null;
    }

    /** Discourse prints {@code Feb 10}, {@code Feb '23}, {@code Feb 10, 2023}, {@code 2d}; never "… ago". */
    private static boolean isDiscourseDate(String line) {
        return !line.endsWith("ago") && !line.startsWith("·") && PageDates.isDate(line);
    }
}
