package org.speechforum.ingest.uploads.thread;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Mastodon thread copied from a status page: each status is its author's display name, {@code @handle} or
 * {@code @handle@instance}, its date ({@code 2h}, {@code Mar 3}; the focused status shows the full
 * {@code Mar 3, 2025, 10:41} followed by the app and the reply/boost/favourite counters), then the text.
 * The page lists the focused status's ancestors (a chain, each replying to the one above), the focused
 * status, then its descendants; a descendant replies to the latest status above it by the account its text
 * first mentions, or else to the focused status. The first status is the thread's post.
 */
public final class Mastodon implements ThreadFormat {

    public static final String NAME = "mastodon";

    private static final Pattern HANDLE = Pattern.compile("^\\s*@(?<handle>[A-Za-z0-9_]{1,30})(?:@(?<instance>"
            + Accounts.INSTANCE + "))?\\s*$");
    private static final Pattern FULL_DATE = Pattern.compile("^[A-Z][a-z]{2} \\d{1,2}, \\d{4}, \\d{1,2}:\\d{2}(?: [AP]M)?$");
    private static final Pattern MENTION = Pattern.compile("^@(?<handle>[A-Za-z0-9_]{1,30})(?:@(?<instance>\\S+))?");
    private static final Pattern COUNTER = Pattern.compile("^\\s*\\d+(?:\\.\\d+)?[KM]?\\s*$");
    private static final Set<String> APPS = Set.of("Web", "Mastodon for Android", "Mastodon for iOS", "Ivory", "Tusky",
            "Elk", "Phanpy", "Ice Cubes", "Moshidon", "Fedilab", "Toot!");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int minimumComments() {
        return 2;
    }

    @Override
    public ThreadReading read(String[] lines) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i + 2 < lines.length; i++) {
            if (!lines[i].isBlank() && !lines[i].strip().startsWith("@") && lines[i].strip().length() <= 80
                    && HANDLE.matcher(lines[i + 1]).matches() && PageDates.isDate(lines[i + 2].strip())) {
                starts.add(i);
            }
        }
        if (starts.isEmpty()) {
            return new ThreadReading(NAME, lines.length, List.of(), false, List.of());
        }
        List<Header> headers = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        int focused = -1;
        for (int c = 0; c < starts.size(); c++) {
            int start = starts.get(c);
            int end = c + 1 < starts.size() ? starts.get(c + 1) : lines.length;
            Matcher handle = HANDLE.matcher(lines[start + 1]);
            handle.matches();
            String date = lines[start + 2].strip();
            String instance = handle.group("instance") == null ? null : handle.group("instance").toLowerCase(Locale.ROOT);
            headers.add(Header.account(handle.group("handle"), instance).withName(lines[start].strip()).withAge(date));
            int bodyEnd = end;
            while (bodyEnd > start + 3 && (lines[bodyEnd - 1].isBlank() || COUNTER.matcher(lines[bodyEnd - 1]).matches()
                    || APPS.contains(lines[bodyEnd - 1].strip()) || lines[bodyEnd - 1].strip().equals("·"))) {
                bodyEnd--;
            }
            if (focused < 0 && (FULL_DATE.matcher(date).matches() || bodyEnd < end - 2)) {
                focused = c;
            }
            bodies.add(Lines.body(lines, start + 3, bodyEnd, Set.of()));
        }
        List<String> notes = new ArrayList<>();
        if (focused < 0) {
            focused = starts.size() - 1;
            notes.add("mastodon: no focused status (full date, counters) found, so the statuses were read as one "
                    + "chain of replies");
        }
        List<RawComment> comments = new ArrayList<>();
        for (int c = 0; c < starts.size(); c++) {
            int parent;
            if (c == 0) {
                parent = -1;
            } else if (c <= focused) {
                parent = c - 1;
            } else {
                parent = mentioned(bodies.get(c), headers, c, focused);
            }
            comments.add(new RawComment(starts.get(c), headers.get(c), bodies.get(c), parent));
        }
        return new ThreadReading(NAME, starts.getFirst(), comments, true, notes);
    }

    /** The latest status above {@code c} by the account the text opens by mentioning, else the focused one. */
    private static int mentioned(String body, List<Header> headers, int c, int focused) {
        Matcher mention = MENTION.matcher(body);
        if (mention.find()) {
            String handle = mention.group("handle");
            for (int j = c - 1; j >= 0; j--) {
                if (headers.get(j).handle().equalsIgnoreCase(handle)) {
                    return j;
                }
            }
        }
        return focused;
    }
}
