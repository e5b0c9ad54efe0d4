package org.speechforum.ingest.uploads.thread;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the author part of a header as fediverse front-ends print it: {@code handle@instance} with badges
 * glued to the instance ({@code alice@lemmy.mlOP}, {@code bob@hexbear.netA}, {@code M} for moderators), an
 * optional pronoun tag ({@code [they/them]}), a display name with the instance glued on
 * ({@code Marta K.@lemmy.world}), or a display name with no instance (local users).
 */
public final class Accounts {

    /** The instance ends with a letters-only top-level label, so badges and scores glued to it can be cut off. */
    public static final String INSTANCE = "[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[a-z]{2,24}";
    private static final Pattern ACCOUNT = Pattern.compile(
            "@?(?<handle>[\\p{L}\\p{N}_.-]+)@(?<instance>" + INSTANCE + ")(?<badges>(?:OP|M|A|B)*)"
                    + "(?:\\s*\\[(?<pronouns>[\\p{L}/ ,-]{1,40})\\])?(?<badges2>(?:OP|M|A|B)*)");
    /** A display name with the instance glued on, as lemmy-ui prints a remote user who set one: {@code Marta K.@lemmy.world}. */
    private static final Pattern DISPLAY_AT = Pattern.compile("(?<name>[^@\\s][^@]{0,59}?\\s[^@]{0,59}?)@(?<instance>" + INSTANCE
            + ")(?<badges>(?:OP|M|A|B)*)");
    private static final Pattern DISPLAY = Pattern.compile("(?<name>[\\p{L}\\p{N}_.'’ -]{1,60}?)(?<badges>(?:\\s?OP)?)");

    private Accounts() {
    }

    /** What the author part held; {@code pronouns} null when there was no pronoun tag. */
    public record Account(Header header, String pronouns) {
    }

    /** Null when {@code who} is neither an account nor a plausible display name. */
    public static Account read(String who) {
        String text = who.strip();
        Matcher account = ACCOUNT.matcher(text);
        if (account.matches()) {
            String badges = account.group("badges") + account.group("badges2");
            Header header = Header.account(account.group("handle"), account.group("instance").toLowerCase(Locale.ROOT))
                    .withOp(badges.contains("OP")).withRole(account.group("pronouns"));
            return new Account(header, account.group("pronouns"));
        }
        Matcher displayAt = DISPLAY_AT.matcher(text);
        if (displayAt.matches()) {
            Header header = new Header(displayAt.group("name").strip(), null,
                    displayAt.group("instance").toLowerCase(Locale.ROOT), displayAt.group("badges").contains("OP"),
                    null, null, 0, null);
            return new Account(header, null);
        }
        if (text.contains("@")) {
            return null;
        }
        Matcher display = DISPLAY.matcher(text);
        if (display.matches() && !display.group("name").isBlank()) {
            return new Account(Header.displayName(display.group("name").strip())
                    .withOp(!display.group("badges").isEmpty()), null);
        }
        return null;
    }
}
