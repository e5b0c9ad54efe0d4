package org.speechforum.ingest.uploads.thread;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * New Reddit (the 2018 redesign and the clones that copy its markup): each comment starts with a
 * {@code level N} line (screen-reader text that copies along), then the user name, optional {@code OP} and
 * flair lines, {@code · 7 hr. ago} (with {@code · edited …} when edited), the body, the score and the action
 * buttons. The tree comes from the levels.
 */
public final class RedditRedesign implements ThreadFormat {

    public static final String NAME = "reddit-new";

    private static final Pattern LEVEL = Pattern.compile("^\\s*level (?<n>\\d{1,3})\\s*$");
    private static final Pattern USER = Pattern.compile("^\\s*(?:u/)?(?<name>[A-Za-z0-9_-]{3,20})\\s*$");
    private static final Pattern AGE = Pattern.compile("^\\s*·\\s*(?<age>[^·]+?)(?:\\s*·\\s*edited.*)?\\s*$");
    private static final Pattern SCORE = Pattern.compile("^\\s*(?:-?\\d+(?:\\.\\d+)?k?|Vote)\\s*$");
    private static final Set<String> BUTTONS = Set.of("Reply", "Share", "Report", "Save", "Award", "Give Award",
            "Follow", "more replies", "Continue this thread");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ThreadReading read(String[] lines) {
        List<RawComment> comments = new ArrayList<>();
        List<Integer> levels = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher level = LEVEL.matcher(lines[i]);
            if (level.matches() && i + 1 < lines.length) {
                Matcher user = USER.matcher(lines[i + 1]);
                if (user.matches()) {
                    starts.add(i);
                    levels.add(Integer.parseInt(level.group("n")));
                }
            }
        }
        if (starts.isEmpty()) {
            return new ThreadReading(NAME, lines.length, List.of(), false, List.of());
        }
        int[] parents = Lines.parentsByLevel(levels);
        for (int c = 0; c < starts.size(); c++) {
            int start = starts.get(c);
            int end = c + 1 < starts.size() ? starts.get(c + 1) : lines.length;
            Matcher user = USER.matcher(lines[start + 1]);
            user.matches();
            Header header = Header.account(user.group("name"), null);
            int i = start + 2;
            for (; i < end && i < start + 6; i++) {
                String line = lines[i].strip();
                Matcher age = AGE.matcher(line);
                if (age.matches()) {
                    header = header.withAge(age.group("age")).withEdits(line.contains("edited") ? 1 : 0);
                    i++;
                    break;
                }
                if (line.equals("OP")) {
                    header = header.withOp(true);
                }
            }
            int bodyEnd = end;
            while (bodyEnd > i && (lines[bodyEnd - 1].isBlank() || BUTTONS.contains(lines[bodyEnd - 1].strip()))) {
                bodyEnd--;
            }
            Integer score = null;
            if (bodyEnd > i && SCORE.matcher(lines[bodyEnd - 1]).matches()) {
                String s = lines[bodyEnd - 1].strip();
                if (s.matches("-?\\d+")) {
                    score = Integer.parseInt(s);
                }
                bodyEnd--;
            }
            if (score != null) {
                header = header.withVotes(Math.max(score, 0), Math.max(-score, 0));
            }
            comments.add(new RawComment(start, header, Lines.body(lines, i, bodyEnd, Set.of()), parents[c]));
        }
        return new ThreadReading(NAME, starts.getFirst(), comments, false, List.of());
    }
}
