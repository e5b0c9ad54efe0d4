package org.speechforum.ingest.uploads.thread;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hacker News and the readers that copy its markup: {@code user 3 hours ago | parent | next [–]}, the body,
 * {@code reply}. Nesting is by indentation where the copy keeps it (readers, text browsers); a plain browser
 * copy of news.ycombinator.com keeps none, and every comment is then read as top-level (said in a note).
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
        int[] parents = Lines.parentsByIndent(indents);
        List<String> notes = new ArrayList<>();
        if (starts.size() > 1 && indents.stream().distinct().count() == 1
                && starts.stream().anyMatch(i -> lines[i].contains("| parent"))) {
            notes.add("hackernews: the copy keeps no indentation, so replies were read as top-level comments");
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
}
