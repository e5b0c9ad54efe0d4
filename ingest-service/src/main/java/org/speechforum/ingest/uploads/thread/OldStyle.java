package org.speechforum.ingest.uploads.thread;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Old-Reddit-style pages, where a copy keeps no indentation: old Reddit itself
 * ({@code [–]alice Flair 15 points 3 hours ago* (2 children)}, flair glued to the name, {@code [S]} for the
 * submitter) and mlmym for Lemmy ({@code [–] alice@lemmy.ml 15 points 3 months ago* (last edited 3 months
 * ago) (15 children)}). The reply tree comes from the children counts, which count every descendant: a
 * comment's subtree is the next N comments, less those the page left out ({@code load more comments (2
 * replies)}).
 */
public final class OldStyle implements ThreadFormat {

    public static final String MLMYM = "mlmym";
    public static final String OLD_REDDIT = "reddit-old";

    private static final Pattern HEADER = Pattern.compile(
            "^\\s*\\[[–—-]\\](?<space>\\s*)(?<who>\\S.{0,120}?)\\s+(?:(?<score>[+-]?\\d+) points?|score hidden)\\s+"
                    + "(?<age>\\S.{0,30}?\\s+ago)(?<star>\\*)?(?:\\s*\\(last edited (?<edited>[^)]*)\\))?"
                    + "(?:\\s*\\((?<children>\\d+) child(?:ren)?\\))?\\s*$");
    private static final Pattern MORE = Pattern.compile(
            "^\\s*(?:load more comments|continue this thread|\\d+ more repl(?:y|ies))(?:\\s*\\((?<n>\\d+) repl(?:y|ies)\\))?.*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BUTTONS = Pattern.compile("^\\s*permalink\\s*(?:embed|save|parent|report|reply|give award|\\s)*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern MARKERS = Pattern.compile("(?<rest>.*?)(?<markers>(?:\\[[SMA]\\])+)$");

    private final String name;

    private OldStyle(String name) {
        this.name = name;
    }

    public static OldStyle mlmym() {
        return new OldStyle(MLMYM);
    }

    public static OldStyle oldReddit() {
        return new OldStyle(OLD_REDDIT);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ThreadReading read(String[] lines) {
        List<String> notes = new ArrayList<>();
        List<RawComment> comments = new ArrayList<>();
        Deque<int[]> open = new ArrayDeque<>();   // [comment index, descendants still expected]
        int first = -1;
        int missing = 0;
        for (int i = 0; i < lines.length; i++) {
            Matcher more = MORE.matcher(lines[i]);
            if (more.matches() && !comments.isEmpty()) {
                int n = more.group("n") == null ? 1 : Integer.parseInt(more.group("n"));
                missing += n;
                consume(open, n);
                continue;
            }
            Matcher m = HEADER.matcher(lines[i]);
            if (!m.matches()) {
                continue;
            }
            Header header = header(m, notes);
            if (header == null) {
                continue;
            }
            if (first < 0) {
                first = i;
            }
            while (!open.isEmpty() && open.peek()[1] <= 0) {
                open.pop();
            }
            int parent = open.isEmpty() ? -1 : open.peek()[0];
            consume(open, 1);
            int end = i + 1;
            while (end < lines.length && !HEADER.matcher(lines[end]).matches() && !MORE.matcher(lines[end]).matches()) {
                end++;
            }
            int bodyEnd = end;
            for (int j = i + 1; j < end; j++) {
                if (BUTTONS.matcher(lines[j]).matches()) {
                    bodyEnd = j;
                    break;
                }
            }
            comments.add(new RawComment(i, header, Lines.body(lines, i + 1, bodyEnd, Set.of()), parent));
            int children = m.group("children") == null ? 0 : Integer.parseInt(m.group("children"));
            open.push(new int[] {comments.size() - 1, children});
            i = end - 1;
        }
        if (comments.isEmpty()) {
            return new ThreadReading(name, lines.length, List.of(), false, List.of());
        }
        if (missing > 0) {
            notes.add(name + ": " + missing + " repl" + (missing == 1 ? "y is" : "ies are")
                    + " not on the page (load more comments); the tree skips them");
        }
        boolean fediverse = comments.stream().allMatch(c -> c.header().instance() != null);
        String format = fediverse ? MLMYM : OLD_REDDIT;
        return new ThreadReading(format, first, comments, false, notes);
    }

    /** One more descendant seen (or left out) under every open comment. */
    private static void consume(Deque<int[]> open, int n) {
        for (int[] entry : open) {
            entry[1] -= n;
        }
    }

    private Header header(Matcher m, List<String> notes) {
        String who = m.group("who").strip();
        boolean op = false;
        Matcher markers = MARKERS.matcher(who);
        if (markers.matches()) {
            op = markers.group("markers").contains("[S]");
            who = markers.group("rest").strip();
        }
        Header header;
        if (who.contains("@")) {
            Accounts.Account account = Accounts.read(who.split("\\s+")[0]);
            if (account == null) {
                return null;
            }
            header = account.header();
        } else {
            header = Header.account(redditName(who, notes), null);
        }
        Integer score = m.group("score") == null ? null : Integer.parseInt(m.group("score").replace("+", ""));
        int edits = m.group("star") != null || m.group("edited") != null ? 1 : 0;
        return header.withOp(op || header.op())
                .withVotes(score == null ? null : Math.max(score, 0), score == null ? null : Math.max(-score, 0))
                .withEdits(edits).withAge(m.group("age"));
    }

    /**
     * Old Reddit glues the flair to the name: {@code baltic_observerLatvia}, {@code Kestrel_42United Kingdom}.
     * A name is letters, digits, {@code _} and {@code -}; the flair is cut where a capital follows a lower-case
     * letter or digit, when there are more words after the name or the name part has no capitals of its own.
     */
    static String redditName(String who, List<String> notes) {
        String[] words = who.split("\\s+");
        String token = words[0].replaceFirst("^u/", "");
        int cut = -1;
        for (int k = token.length() - 1; k > 0; k--) {
            char c = token.charAt(k);
            char before = token.charAt(k - 1);
            if (Character.isUpperCase(c) && (Character.isLowerCase(before) || Character.isDigit(before) || before == '_')) {
                cut = k;
                break;
            }
        }
        if (cut > 0) {
            String name = token.substring(0, cut);
            boolean moreWords = words.length > 1;
            boolean plainName = name.equals(name.toLowerCase(Locale.ROOT));
            if (moreWords || plainName) {
                notes.add("reddit-old: '" + who + "' read as user " + name + " with flair '"
                        + (token.substring(cut) + (moreWords ? " " + who.substring(words[0].length()).strip() : "")).strip() + "'");
                return name;
            }
        }
        return token;
    }
}
