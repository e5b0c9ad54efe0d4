package org.speechforum.ingest.uploads.thread;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hacker News and the readers that copy its markup: {@code user 3 hours ago | parent | next [–]}, the body,
 * {@code reply}. Nesting is by indentation where the copy keeps it (readers, text browsers). A plain browser
 * copy of news.ycombinator.com keeps none (the page indents with a spacer image), so the header's links tell
 * the depth: no {@code parent} link is a top-level comment, {@code parent} without {@code root} a reply to
 * the top-level comment above, {@code root} a deeper reply — to the comment above when that one is one level
 * up, otherwise a guess (said in a note).
 */
public final class HackerNews implements ThreadFormat {

    public static final String NAME = "hackernews";

    private static final Pattern HEADER = Pattern.compile(
            "^(?<indent>[ \\t\\u00A0]*)(?<user>[A-Za-z0-9_-]{2,20}) (?<age>\\d+ \\w+ ago|on [A-Z][a-z]{2} \\d{1,2}, \\d{4})"
                    + "(?<links>(?: \\| (?:parent|root|prev|next|context|on: .{1,80}))*)(?<toggle> \\[[–-]\\])?\\s*$");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ThreadReading read(String[] lines) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher m = HEADER.matcher(lines[i]);
            if (m.matches() && (!m.group("links").isEmpty() || m.group("toggle") != null)) {
                starts.add(i);
            }
        }
        if (starts.isEmpty()) {
            return new ThreadReading(NAME, lines.length, List.of(), false, List.of());
        }
        List<Integer> indents = starts.stream().map(i -> Lines.indent(lines[i])).toList();
        List<String> notes = new ArrayList<>();
        int[] parents;
        if (starts.size() > 1 && indents.stream().distinct().count() == 1) {
            parents = byLinks(starts.stream().map(i -> lines[i]).toList(), notes);
        } else {
            parents = Lines.parentsByIndent(indents);
        }
        List<RawComment> comments = new ArrayList<>();
        for (int c = 0; c < starts.size(); c++) {
            Matcher m = HEADER.matcher(lines[starts.get(c)]);
            m.matches();
            int end = c + 1 < starts.size() ? starts.get(c + 1) : lines.length;
            Header header = Header.account(m.group("user"), null).withAge(m.group("age"));
            comments.add(new RawComment(starts.get(c), header, Lines.body(lines, starts.get(c) + 1, end, Set.of("reply")),
                    parents[c]));
        }
        return new ThreadReading(NAME, starts.getFirst(), comments, false, notes);
    }

    /** Parents of a copy without indentation, from each header's {@code root} and {@code parent} links. */
    static int[] byLinks(List<String> headers, List<String> notes) {
        int[] parents = new int[headers.size()];
        int[] depth = new int[headers.size()];
        int lastTop = -1;
        int guessed = 0;
        for (int c = 0; c < headers.size(); c++) {
            String links = headers.get(c);
            boolean parent = links.contains("| parent");
            boolean root = links.contains("| root");
            if (!parent || c == 0) {
                parents[c] = -1;
                depth[c] = 0;
                lastTop = c;
            } else if (!root) {
                parents[c] = lastTop;
                depth[c] = 1;
            } else {
                parents[c] = c - 1;
                depth[c] = depth[c - 1] + 1;
                if (depth[c - 1] >= 2) {
                    guessed++;
                }
            }
        }
        if (guessed > 0) {
            notes.add("hackernews: the copy keeps no indentation; " + guessed + " deep repl"
                    + (guessed == 1 ? "y was" : "ies were") + " attached to the comment above, which may be a sibling");
        }
        return parents;
    }
}
