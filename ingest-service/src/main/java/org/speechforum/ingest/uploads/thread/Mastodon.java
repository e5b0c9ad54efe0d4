package org.speechforum.ingest.uploads.thread;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
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
    /** The focused status's footer counters as Mastodon 4.3+ words them: {@code 3 boosts}, {@code 12 favorites}. */
    private static final Pattern FOOTER_COUNTS = Pattern.compile(
            "^\\d+(?:\\.\\d+)?[KM]? (?:boosts?|favou?rites?|repl(?:y|ies)|quotes?)(?: · .*)?$", Pattern.CASE_INSENSITIVE);
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
        // A status header is the display name over the account; its date is the line below the account, or,
        // as Mastodon 4 lays out a thread's statuses (the time link comes first in the markup), the line above
        // the name. The focused status prints its full date, app and counters below its text instead.
        List<Integer> starts = new ArrayList<>();
        List<Integer> names = new ArrayList<>();
        List<String> dates = new ArrayList<>();
        List<Integer> bodies = new ArrayList<>();
        for (int i = 0; i + 1 < lines.length; i++) {
            String name = lines[i].strip();
            if (name.isEmpty() || name.startsWith("@") || name.length() > 80 || PageDates.isDate(name)
                    || !HANDLE.matcher(lines[i + 1]).matches()) {
                continue;
            }
            boolean dateAfter = i + 2 < lines.length && PageDates.isDate(lines[i + 2].strip());
            boolean dateBefore = i > 0 && PageDates.isDate(lines[i - 1].strip())
                    && (starts.isEmpty() || bodies.getLast() <= i - 1);
            if (!dateAfter && !dateBefore && !(i + 2 < lines.length && !lines[i + 2].isBlank())) {
                continue;
            }
            starts.add(dateBefore && !dateAfter ? i - 1 : i);
            names.add(i);
            dates.add(dateAfter ? lines[i + 2].strip() : dateBefore ? lines[i - 1].strip() : null);
            bodies.add(dateAfter ? i + 3 : i + 2);
        }
        if (starts.size() < 2 || dates.stream().allMatch(Objects::isNull)) {
            return new ThreadReading(NAME, lines.length, List.of(), false, List.of());
        }
        List<Header> headers = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        int focused = -1;
        for (int c = 0; c < starts.size(); c++) {
            int name = names.get(c);
            int end = c + 1 < starts.size() ? starts.get(c + 1) : lines.length;
            Matcher handle = HANDLE.matcher(lines[name + 1]);
            handle.matches();
            String date = dates.get(c);
            int bodyEnd = end;
            boolean footer = false;
            while (bodyEnd > bodies.get(c)) {
                String last = lines[bodyEnd - 1].strip();
                if (last.isEmpty() || COUNTER.matcher(last).matches() || APPS.contains(last) || last.equals("·")
                        || FOOTER_COUNTS.matcher(last).matches()) {
                    footer |= !last.isEmpty();
                    bodyEnd--;
                } else if (FULL_DATE.matcher(last).matches()) {
                    date = date == null ? last : date;
                    footer = true;
                    bodyEnd--;
                } else {
                    break;
                }
            }
            String instance = handle.group("instance") == null ? null : handle.group("instance").toLowerCase(Locale.ROOT);
            headers.add(Header.account(handle.group("handle"), instance).withName(lines[name].strip()).withAge(date));
            if (focused < 0 && ((date != null && FULL_DATE.matcher(date).matches()) || footer)) {
                focused = c;
            }
            texts.add(Lines.body(lines, bodies.get(c), bodyEnd, Set.of()));
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
                parent = mentioned(texts.get(c), headers, c, focused);
            }
            comments.add(new RawComment(starts.get(c), headers.get(c), texts.get(c), parent));
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
