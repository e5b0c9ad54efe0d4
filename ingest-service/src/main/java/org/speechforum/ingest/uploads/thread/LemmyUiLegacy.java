package org.speechforum.ingest.uploads.thread;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * lemmy-ui as it was (0.17–0.18 era copies): one header line per comment holding the author, its badges and
 * its score glued together, then {@code ·} and the age — {@code harbourlight@lemmy.mlOP 12 · 8 months ago},
 * {@code kettle_black@lemm.ee-2 · 1 year ago}, {@code Juniper 4 · 8 months ago} for a display name — and the
 * body right below, at the header's indentation. Replies are indented under their parent.
 */
public final class LemmyUiLegacy implements ThreadFormat {

    public static final String NAME = "lemmy-ui-legacy";

    private static final Pattern HEADER = Pattern.compile(
            "^(?<indent>[ \\t\\u00A0]*)(?<who>[^\\s·•].{0,100}?)\\s?(?<score>[+-]?\\d+) · (?<age>\\S.{0,40}?)\\*?\\s*$");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ThreadReading read(String[] lines) {
        List<Integer> starts = new ArrayList<>();
        List<Header> headers = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher m = HEADER.matcher(lines[i]);
            if (!m.matches() || !PageDates.isDate(m.group("age"))) {
                continue;
            }
            Accounts.Account account = Accounts.read(m.group("who"));
            if (account == null) {
                continue;
            }
            int score = Integer.parseInt(m.group("score").replace("+", ""));
            starts.add(i);
            headers.add(account.header().withVotes(Math.max(score, 0), Math.max(-score, 0)).withAge(m.group("age")));
        }
        if (starts.isEmpty()) {
            return new ThreadReading(NAME, lines.length, List.of(), false, List.of());
        }
        int[] parents = Lines.parentsByIndent(starts.stream().map(i -> Lines.indent(lines[i])).toList());
        List<RawComment> comments = new ArrayList<>();
        for (int c = 0; c < starts.size(); c++) {
            int end = c + 1 < starts.size() ? starts.get(c + 1) : lines.length;
            comments.add(new RawComment(starts.get(c), headers.get(c),
                    Lines.body(lines, starts.get(c) + 1, end, Set.of()), parents[c]));
        }
        return new ThreadReading(NAME, starts.getFirst(), comments, false,
                List.of("lemmy-ui-legacy: the score is the only counter such a copy shows: it is split into up "
                        + "votes (positive) or down votes (negative)"));
    }
}
