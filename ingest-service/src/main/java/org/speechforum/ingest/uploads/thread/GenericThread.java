package org.speechforum.ingest.uploads.thread;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fallback for front-ends with no recogniser of their own: an author line with a relative age, either on
 * one line ({@code alice 3 hours ago | link | reply}, {@code alice@kbin.social · 5 hours ago}) or on two
 * ({@code alice} then {@code 3 days ago}), the body below, nesting by indentation.
 */
public final class GenericThread implements ThreadFormat {

    public static final String NAME = "generic";

    private static final Pattern ONE_LINE = Pattern.compile(
            "^(?<indent>[ \\t\\u00A0]*)(?<who>[\\p{L}\\p{N}_.@-]{2,60})\\s*(?:[·•|,–-]\\s*)?(?<age>(?:an?|\\d+)\\s?\\p{L}{1,7}\\.?\\s+ago|just now)"
                    + "\\s*(?:[|·•].*)?$");
    private static final Pattern NAME_ALONE = Pattern.compile("^(?<indent>[ \\t\\u00A0]*)(?<who>[\\p{L}\\p{N}_.@-]{2,60})\\s*$");
    private static final Set<String> NOT_NAMES = Set.of("submitted", "posted", "edited", "via", "by", "updated", "created");
    private static final Set<String> CHROME = Set.of("Link", "Link Parent", "Reply", "reply", "Permalink", "permalink",
            "Parent", "Report", "Share", "Save");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int minimumComments() {
        return 2;
    }

    private record Found(int line, int bodyFrom, String who, String age) {
    }

    @Override
    public ThreadReading read(String[] lines) {
        List<Found> found = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher one = ONE_LINE.matcher(lines[i]);
            if (one.matches() && PageDates.isDate(one.group("age")) && name(one.group("who"))) {
                found.add(new Found(i, i + 1, one.group("who"), one.group("age")));
                continue;
            }
            Matcher alone = NAME_ALONE.matcher(lines[i]);
            if (alone.matches() && i + 1 < lines.length && name(alone.group("who"))
                    && PageDates.RELATIVE.matcher(lines[i + 1].strip()).matches()
                    && Lines.indent(lines[i + 1]) == Lines.indent(lines[i])) {
                found.add(new Found(i, i + 2, alone.group("who"), lines[i + 1].strip()));
                i++;
            }
        }
        if (found.isEmpty()) {
            return new ThreadReading(NAME, lines.length, List.of(), false, List.of());
        }
        int[] parents = Lines.parentsByIndent(found.stream().map(f -> Lines.indent(lines[f.line()])).toList());
        List<RawComment> comments = new ArrayList<>();
        for (int c = 0; c < found.size(); c++) {
            Found f = found.get(c);
            int end = c + 1 < found.size() ? found.get(c + 1).line() : lines.length;
            Accounts.Account account = Accounts.read(f.who());
            Header header = (account == null ? Header.displayName(f.who()) : account.header()).withAge(f.age());
            if (header.handle() == null && header.name() != null && !header.name().contains(" ")) {
                header = Header.account(header.name(), null).withAge(f.age());
            }
            comments.add(new RawComment(f.line(), header, Lines.body(lines, f.bodyFrom(), end, CHROME), parents[c]));
        }
        return new ThreadReading(NAME, found.getFirst().line(), comments, false,
                List.of("generic: no known front-end; comments were read from author lines with a relative age "
                        + "and their indentation"));
    }

    private static boolean name(String who) {
        return !NOT_NAMES.contains(who.toLowerCase(Locale.ROOT)) && !who.chars().allMatch(Character::isDigit);
    }
}
