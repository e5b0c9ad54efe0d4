package org.speechforum.ingest.uploads.thread;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * lemmy-ui as it is now (0.19), and Hexbear's fork of it: an author line {@code • alice@lemmy.mlOP} (or a
 * display name, or {@code • bob@hexbear.net [they/them]}), then one line per icon and counter —
 * {@code link}, {@code fedilink}, a language, {@code arrow-up}/{@code 34}, {@code arrow-down}/{@code 1}
 * (missing when there are no down votes), {@code ·}, {@code edit-2} when edited, the age — then the body.
 * Replies are indented under their parent.
 */
public final class LemmyUi implements ThreadFormat {

    public static final String NAME = "lemmy-ui";
    public static final String HEXBEAR = "hexbear";

    private static final Pattern HEADER = Pattern.compile("^(?<indent>[ \\t\\u00A0]*)[•*]\\s*(?<who>\\S.{0,120}?)\\s*$");
    private static final Pattern NUMBER = Pattern.compile("^-?\\d+$");
    private static final Set<String> ICONS = Set.of("link", "fedilink", "·", "•", "reply", "report", "more-vertical",
            "share-2", "save", "arrow-up", "arrow-down", "edit-2", "English", "message-square", "star", "copy");
    /** Chrome that ends a comment's body on some copies (the action bar). */
    private static final Set<String> TRAILING = Set.of("reply", "report", "more-vertical", "share-2", "save");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ThreadReading read(String[] lines) {
        List<Integer> starts = new ArrayList<>();
        List<Accounts.Account> accounts = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher m = HEADER.matcher(lines[i]);
            if (m.matches() && followedByIcons(lines, i)) {
                Accounts.Account account = Accounts.read(m.group("who"));
                if (account != null) {
                    starts.add(i);
                    accounts.add(account);
                }
            }
        }
        if (starts.isEmpty()) {
            return new ThreadReading(NAME, lines.length, List.of(), false, List.of());
        }
        List<Integer> indents = starts.stream().map(i -> Lines.indent(lines[i])).toList();
        int[] parents = Lines.parentsByIndent(indents);
        List<RawComment> comments = new ArrayList<>();
        boolean pronouns = false;
        for (int c = 0; c < starts.size(); c++) {
            int start = starts.get(c);
            int end = c + 1 < starts.size() ? starts.get(c + 1) : lines.length;
            Header header = accounts.get(c).header();
            pronouns |= accounts.get(c).pronouns() != null;
            Integer up = null;
            Integer down = null;
            int edits = 0;
            String age = null;
            String pending = null;
            int i = start + 1;
            for (; i < end; i++) {
                String line = lines[i].strip();
                if (line.isEmpty()) {
                    break;
                }
                if (pending != null && NUMBER.matcher(line).matches()) {
                    if (pending.equals("arrow-up")) {
                        up = Integer.parseInt(line);
                    } else {
                        down = Integer.parseInt(line);
                    }
                    pending = null;
                    continue;
                }
                pending = null;
                if (line.equals("arrow-up") || line.equals("arrow-down")) {
                    pending = line;
                } else if (line.equals("edit-2")) {
                    edits++;
                } else if (PageDates.isDate(line)) {
                    age = line;
                } else if (!ICONS.contains(line)) {
                    break;   // no blank line between the counters and the body: the body starts here
                }
            }
            String body = Lines.body(lines, i, end, TRAILING);
            // lemmy-ui shows the down-vote counter only when there are down votes.
            header = header.withVotes(up == null ? 0 : up, down == null ? 0 : down).withEdits(edits).withAge(age);
            comments.add(new RawComment(start, header, body, parents[c]));
        }
        boolean hexbear = pronouns || comments.stream().anyMatch(c -> "hexbear.net".equals(c.header().instance()));
        return new ThreadReading(hexbear ? HEXBEAR : NAME, starts.getFirst(), comments, false, List.of());
    }

    /** An author line is followed, within three lines, by lemmy-ui's icon names or a vote counter. */
    private static boolean followedByIcons(String[] lines, int header) {
        for (int i = header + 1; i < Math.min(lines.length, header + 4); i++) {
            String line = lines[i].strip();
            if (line.equals("link") || line.equals("fedilink") || line.equals("arrow-up")) {
                return true;
            }
        }
        return false;
    }
}
