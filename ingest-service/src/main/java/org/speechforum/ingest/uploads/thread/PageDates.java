package org.speechforum.ingest.uploads.thread;

import org.speechforum.contracts.TimePrecision;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dates forum pages print next to a comment, turned into an approximate instant relative to the upload
 * time: {@code 3 hours ago}, {@code 3 hr. ago}, {@code 2h}, {@code just now}, {@code Mar 3},
 * {@code Mar 3, 2025, 10:41}, {@code Feb '23}. Returns null for text that is no such date.
 */
public final class PageDates {

    public record Approximate(Instant instant, TimePrecision precision) {
    }

    private static final String UNIT = "(?<unit>seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?\\.?|hr\\.?|h|days?|d"
            + "|weeks?|wks?|w|months?|mos?\\.?|mo|years?|yrs?|y)";
    /** {@code 3 hours ago}, {@code an hour ago}, {@code 3 hr. ago}, {@code 3h ago}. */
    public static final Pattern RELATIVE = Pattern.compile(
            "(?<n>an?|\\d+)\\s?" + UNIT + "\\s+ago", Pattern.CASE_INSENSITIVE);
    /** Mastodon's and Discourse's bare {@code 2h}, {@code 45m}, {@code 3d}. */
    public static final Pattern SHORT = Pattern.compile("(?<n>\\d+)(?<unit>s|m|h|d|w|mo|y)");
    private static final Pattern MONTH_DAY = Pattern.compile(
            "(?<month>[A-Z][a-z]{2})[a-z]*\\.? (?<day>\\d{1,2})(?:, (?<year>\\d{4}))?(?:,? (?<hour>\\d{1,2}):(?<minute>\\d{2}))?");
    private static final Pattern MONTH_YEAR = Pattern.compile("(?<month>[A-Z][a-z]{2})[a-z]*\\.? (?:'(?<yy>\\d{2})|(?<year>\\d{4}))");
    private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2),
            Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7),
            Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));

    private PageDates() {
    }

    /** True when {@code text} is one of the dates this class reads, alone. */
    public static boolean isDate(String text) {
        return parse(text, Instant.EPOCH) != null;
    }

    public static Approximate parse(String text, Instant now) {
        String t = text.strip();
        if (t.equalsIgnoreCase("just now") || t.equalsIgnoreCase("now")) {
            return new Approximate(now, TimePrecision.MINUTE);
        }
        Matcher m = RELATIVE.matcher(t);
        if (m.matches()) {
            String n = m.group("n").toLowerCase(Locale.ROOT);
            return relative(n.startsWith("a") ? 1 : Long.parseLong(n), m.group("unit"), now);
        }
        m = SHORT.matcher(t);
        if (m.matches()) {
            return relative(Long.parseLong(m.group("n")), m.group("unit"), now);
        }
        m = MONTH_DAY.matcher(t);
        if (m.matches() && MONTHS.containsKey(m.group("month").toLowerCase(Locale.ROOT))) {
            int month = MONTHS.get(m.group("month").toLowerCase(Locale.ROOT));
            int day = Integer.parseInt(m.group("day"));
            LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
            int year = m.group("year") != null ? Integer.parseInt(m.group("year")) : today.getYear();
            if (day < 1 || day > 31) {
                return null;
            }
            LocalDate date = LocalDate.of(year, month, Math.min(day, LocalDate.of(year, month, 1).lengthOfMonth()));
            if (m.group("year") == null && date.isAfter(today)) {
                date = date.minusYears(1);   // "Dec 30" read on Jan 2 is last year's
            }
            if (m.group("hour") != null) {
                LocalDateTime at = date.atTime(Integer.parseInt(m.group("hour")) % 24,
                        Integer.parseInt(m.group("minute")) % 60);
                return new Approximate(at.toInstant(ZoneOffset.UTC), TimePrecision.MINUTE);
            }
            return new Approximate(date.atStartOfDay().toInstant(ZoneOffset.UTC), TimePrecision.DAY);
        }
        m = MONTH_YEAR.matcher(t);
        if (m.matches() && MONTHS.containsKey(m.group("month").toLowerCase(Locale.ROOT))) {
            int year = m.group("year") != null ? Integer.parseInt(m.group("year")) : 2000 + Integer.parseInt(m.group("yy"));
            LocalDate date = LocalDate.of(year, MONTHS.get(m.group("month").toLowerCase(Locale.ROOT)), 1);
            return new Approximate(date.atStartOfDay().toInstant(ZoneOffset.UTC), TimePrecision.MONTH);
        }
        return null;
    }

    private static Approximate relative(long amount, String unit, Instant now) {
        String u = unit.toLowerCase(Locale.ROOT).replace(".", "");
        ZonedDateTime at = now.atZone(ZoneOffset.UTC);
        if (u.startsWith("mo")) {
            return new Approximate(at.minusMonths(amount).toInstant(), TimePrecision.MONTH);
        }
        return switch (u.charAt(0)) {
            case 's' -> new Approximate(now.minus(Duration.ofSeconds(amount)), TimePrecision.MINUTE);
            case 'm' -> new Approximate(now.minus(Duration.ofMinutes(amount)), TimePrecision.MINUTE);
            case 'h' -> new Approximate(now.minus(Duration.ofHours(amount)), TimePrecision.HOUR);
            case 'd' -> new Approximate(now.minus(Duration.ofDays(amount)), TimePrecision.DAY);
            case 'w' -> new Approximate(now.minus(Duration.ofDays(7 * amount)), TimePrecision.DAY);
            default -> new Approximate(at.minusYears(amount).toInstant(), TimePrecision.YEAR);
        };
    }
}
