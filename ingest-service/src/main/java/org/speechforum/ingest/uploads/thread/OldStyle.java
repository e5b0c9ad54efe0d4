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
 * submitter) and mlmym for Lemmy ({@code [–] alice@lemmy.world 15 points 3 months ago* (last edited 3 months
 * ago) (2 children)}, local users without instance). The reply tree comes from the children counts, and the
 * two count differently:
 * <ul>
 *   <li>mlmym ({@code templates/comment.html}, {@code getChildren} in {@code state.go}) shows the count only
 *       when it is not 0 and subtracts the loaded replies' own counts, so it is the number of direct replies,
 *       plus what the page did not load, for which it prints {@code load more comments (N replies)} after the
 *       loaded ones;</li>
 *   <li>old Reddit counts every descendant.</li>
 * </ul>
 * A page is mlmym when an author carries an instance or the action links include {@code fedilink}.
 */
public final class OldStyle implements ThreadFormat {

    public static final String MLMYM = "mlmym";
    public static final String OLD_REDDIT = "reddit-old";

    private static final Pattern HEADER = Pattern.compile(
            "^\\s*\\[[–—+-]\\](?<space>\\s*)(?<who>\\S.{0,120}?)\\s+(?:(?<score>[+-]?\\d+) points?|\\[?score hidden\\]?)\\s+"
                    + "(?<age>\\S.{0,30}?\\s+ago)(?<star>\\*)?(?:\\s*\\(last edited (?<edited>[^)]*)\\))?"
                    + "(?:\\s*\\((?<children>\\d+) child(?:ren)?\\))?\\s*$");
    private static final Pattern MORE = Pattern.compile(
            "^\\s*(?:load more comments|continue this thread|\\d+ more repl(?:y|ies))(?:\\s*\\((?<n>\\d+) repl(?:y|ies)\\))?.*$",
            Pattern.CASE_INSENSITIVE);
    /** The action links under a comment, on one line or several. */
    private static final Pattern BUTTONS = Pattern.compile("^\\s*(?:permalink|fedilink|source|hide source|embed|save|unsave"
            + "|parent|context|report|reply|edit|delete|block|give award|hide|show \\d+|child comments|\\s)+$",
            Pattern.CASE_INSENSITIVE);
    /** Old Reddit's distinguish markers after the name: {@code [S]}, {@code [M]}, {@code [ S , M ]}. */
    private static final Pattern MARKERS = Pattern.compile("(?<rest>.*?)(?<markers>\\[\\s*[SMAΔ](?:\\s*,\\s*[SMAΔ])*\\s*\\])$");

    private enum Mode { DETECT, MLMYM, REDDIT }

    private final Mode mode;

    private OldStyle(Mode mode) {
        this.mode = mode;
    }

    /** Reads either, deciding by the page: the one {@link ThreadFormats} detects with. */
    public static OldStyle detecting() {
        return new OldStyle(Mode.DETECT);
    }

    public static OldStyle mlmym() {
        return new OldStyle(Mode.MLMYM);
    }

    public static OldStyle oldReddit() {
        return new OldStyle(Mode.REDDIT);
    }

    @Override
    public String name() {
        return mode == Mode.REDDIT ? OLD_REDDIT : MLMYM;
    }

    @Override
    public ThreadReading read(String[] lines) {
        boolean mlmym = switch (mode) {
            case MLMYM -> true;
            case REDDIT -> false;
            case DETECT -> looksLikeMlmym(lines);
        };
        String format = mlmym ? MLMYM : OLD_REDDIT;
        List<String> notes = new ArrayList<>();
        List<RawComment> comments = new ArrayList<>();
        Deque<int[]> open = new ArrayDeque<>();   // [comment index, replies (mlmym) or descendants still expected]
        int first = -1;
        int missing = 0;
        boolean counts = false;
        List<Boolean> replyLinks = new ArrayList<>();   // old Reddit: only replies carry a "parent" link
        for (int i = 0; i < lines.length; i++) {
            Matcher more = MORE.matcher(lines[i]);
            if (more.matches() && !comments.isEmpty()) {
                int n = more.group("n") == null ? 1 : Integer.parseInt(more.group("n"));
                missing += n;
                if (mlmym) {
                    // Printed after the loaded replies of the comment it belongs to: the deepest one still open.
                    closeFinished(open);
                    if (!open.isEmpty()) {
                        open.peek()[1] -= n;
                    }
                } else {
                    consume(open, n);
                }
                continue;
            }
            Matcher m = HEADER.matcher(lines[i]);
            if (!m.matches()) {
                continue;
            }
            Header header = header(m, mlmym, notes);
            if (header == null) {
                continue;
            }
            if (first < 0) {
                first = i;
            }
            closeFinished(open);
            int parent = open.isEmpty() ? -1 : open.peek()[0];
            if (mlmym) {
                if (!open.isEmpty()) {
                    open.peek()[1]--;
                }
            } else {
                consume(open, 1);
            }
            int end = i + 1;
            while (end < lines.length && !HEADER.matcher(lines[end]).matches() && !MORE.matcher(lines[end]).matches()) {
                end++;
            }
            int bodyEnd = end;
            boolean replyLink = false;
            for (int j = i + 1; j < end; j++) {
                if (BUTTONS.matcher(lines[j]).matches()) {
                    bodyEnd = j;
                    replyLink = lines[j].toLowerCase(Locale.ROOT).contains("parent");
                    break;
                }
            }
            replyLinks.add(replyLink);
            counts |= m.group("children") != null;
            comments.add(new RawComment(i, header, Lines.body(lines, i + 1, bodyEnd, Set.of()), parent));
            int children = m.group("children") == null ? 0 : Integer.parseInt(m.group("children"));
            open.push(new int[] {comments.size() - 1, children});
            i = end - 1;
        }
        if (comments.isEmpty()) {
            return new ThreadReading(format, lines.length, List.of(), false, List.of());
        }
        if (!mlmym && !counts && replyLinks.contains(true)) {
            comments = byReplyLinks(comments, replyLinks, notes);
        }
        if (missing > 0) {
            notes.add(format + ": " + missing + " repl" + (missing == 1 ? "y is" : "ies are")
                    + " not on the page (load more comments); the tree skips them");
        }
        return new ThreadReading(format, first, comments, false, notes);
    }

    /**
     * Old Reddit hides the children counts of expanded comments ({@code .comment.noncollapsed .numchildren
     * {display: none}} in reddit.less), so a copy of an open thread has no counts and no indentation. What it
     * keeps is the {@code parent} link, which only replies have: a comment without one is top-level, one with
     * one replies to the comment above it — certain when that one is top-level, a guess otherwise (a sibling
     * or an ancestor's sibling cannot be told apart), and said in a note.
     */
    private static List<RawComment> byReplyLinks(List<RawComment> comments, List<Boolean> replyLinks,
                                                 List<String> notes) {
        List<RawComment> linked = new ArrayList<>();
        int guessed = 0;
        for (int c = 0; c < comments.size(); c++) {
            RawComment comment = comments.get(c);
            int parent = -1;
            if (replyLinks.get(c) && c > 0) {
                parent = c - 1;
                if (replyLinks.get(c - 1)) {
                    guessed++;
                }
            }
            linked.add(new RawComment(comment.line(), comment.header(), comment.body(), parent));
        }
        if (guessed > 0) {
            notes.add("reddit-old: the copy has no children counts (old Reddit hides them on open comments); "
                    + guessed + " repl" + (guessed == 1 ? "y was" : "ies were")
                    + " attached to the reply above, which may be a sibling instead");
        }
        return linked;
    }

    private static boolean looksLikeMlmym(String[] lines) {
        for (String line : lines) {
            Matcher m = HEADER.matcher(line);
            if (m.matches() && m.group("who").strip().split("\\s+")[0].contains("@")) {
                return true;
            }
            if (BUTTONS.matcher(line).matches() && line.toLowerCase(Locale.ROOT).contains("fedilink")) {
                return true;
            }
        }
        return false;
    }

    private static void closeFinished(Deque<int[]> open) {
        while (!open.isEmpty() && open.peek()[1] <= 0) {
            open.pop();
        }
    }

    /** Old Reddit: one more descendant seen (or left out) under every open comment. */
    private static void consume(Deque<int[]> open, int n) {
        for (int[] entry : open) {
            entry[1] -= n;
        }
    }

    private Header header(Matcher m, boolean mlmym, List<String> notes) {
        String who = m.group("who").strip();
        boolean op = false;
        Matcher markers = MARKERS.matcher(who);
        if (markers.matches()) {
            op = markers.group("markers").contains("S");
            who = markers.group("rest").strip();
        }
        Header header;
        if (who.contains("@")) {
            Accounts.Account account = Accounts.read(who.split("\\s+")[0]);
            if (account == null) {
                return null;
            }
            header = account.header();
        } else if (mlmym) {
            header = Header.account(who.split("\\s+")[0], null);   // a local user: mlmym prints no instance
        } else {
            String name = redditName(who, notes);
            String flair = who.replaceFirst("^u/", "").substring(Math.min(who.replaceFirst("^u/", "").length(), name.length())).strip();
            header = Header.account(name, null).withRole(flair.isEmpty() ? null : flair);
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
