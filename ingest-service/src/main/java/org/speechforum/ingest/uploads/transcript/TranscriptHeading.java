package org.speechforum.ingest.uploads.transcript;

import org.speechforum.contracts.TimePrecision;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines above a transcript's first turn, as a whole-page copy brings them: site chrome (settings panel,
 * breadcrumb, "Source:" notes), the title, the date line ({@code May 8, 2021 - 18:10 - The Kremlin, Moscow},
 * {@code March 11, 2022} with the time on the next line, {@code 07 июня / 2018}), the lead and the list of
 * participants.
 */
public final class TranscriptHeading {

    private static final Set<String> CHROME = Set.of("View settings", "Font size:", "Site colours:", "Images",
            "Settings", "Official website of the President of Russia", "Select font Arial Times New Roman",
            "Версия для печати", "Версия для слабовидящих", "Print version", "Text version", "Стенограмма:",
            "Стенограмма", "Transcript:", "Transcript");
    private static final Pattern BREADCRUMB = Pattern.compile("^[\\p{L} ]{1,40}\\s+/$");
    private static final Pattern SOURCE_NOTE = Pattern.compile("^(?:Source|Источник|Character spacing)\\b.{0,200}$");
    private static final Pattern NOT_TITLE = Pattern.compile(
            "^(?:[•·▪◦*-]\\s.*|(?:Tag|Tags|Category|Categories|Posted in|Filed under)\\b.*|\\d+)$");
    private static final Pattern SEPARATOR = Pattern.compile("^(?:\\*\\s*){3,}$");
    private static final String MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October"
            + "|November|December|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря";
    private static final Pattern MONTH_FIRST = Pattern.compile(
            "^(?<month>" + MONTH_NAMES + ") (?<day>\\d{1,2}),? (?<year>\\d{4})\\b(?<rest>.{0,120})$", Pattern.CASE_INSENSITIVE);
    private static final Pattern DAY_FIRST = Pattern.compile(
            "^(?<day>\\d{1,2}) (?<month>" + MONTH_NAMES + ")(?: /)? (?<year>\\d{4})\\b(?<rest>.{0,120})$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TIME = Pattern.compile("\\b(?<hour>[01]?\\d|2[0-3]): ?(?<minute>[0-5]\\d)\\b");
    private static final Pattern TIME_ALONE = Pattern.compile("^(?<hour>[01]?\\d|2[0-3]):(?<minute>[0-5]\\d)$");
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("january", 1), Map.entry("february", 2), Map.entry("march", 3), Map.entry("april", 4),
            Map.entry("may", 5), Map.entry("june", 6), Map.entry("july", 7), Map.entry("august", 8),
            Map.entry("september", 9), Map.entry("october", 10), Map.entry("november", 11), Map.entry("december", 12),
            Map.entry("января", 1), Map.entry("февраля", 2), Map.entry("марта", 3), Map.entry("апреля", 4),
            Map.entry("мая", 5), Map.entry("июня", 6), Map.entry("июля", 7), Map.entry("августа", 8),
            Map.entry("сентября", 9), Map.entry("октября", 10), Map.entry("ноября", 11), Map.entry("декабря", 12));
    /** Times on kremlin.ru pages are Moscow time. */
    static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    /** When the page says it happened; {@code precision} MINUTE with a time, DAY without. */
    public record Dated(Instant instant, TimePrecision precision) {
    }

    private TranscriptHeading() {
    }

    public static boolean isChrome(String line) {
        return CHROME.contains(line) || BREADCRUMB.matcher(line).matches() || SOURCE_NOTE.matcher(line).matches();
    }

    /**
     * Lines that are no title even when they come first: a heading of the site's own (ends with a colon), a
     * bulleted sidebar line, a blog's tag or category line.
     */
    public static boolean isNoTitle(String line) {
        return line.endsWith(":") || NOT_TITLE.matcher(line).matches();
    }

    public static boolean isSeparator(String line) {
        return SEPARATOR.matcher(line).matches();
    }

    public static boolean isTimeAlone(String line) {
        return TIME_ALONE.matcher(line).matches();
    }

    /** The date a line gives, with {@code nextLine}'s time when the date line has none; null if no date line. */
    public static Dated date(String line, String nextLine) {
        Matcher m = MONTH_FIRST.matcher(line);
        if (!m.matches()) {
            m = DAY_FIRST.matcher(line);
            if (!m.matches()) {
                return null;
            }
        }
        String rest = m.group("rest");
        // A date line is short and says little else: "May 8, 2021 - 18:10 - The Kremlin, Moscow".
        if (rest.length() > 80 || rest.matches(".*\\p{Ll}{3,} \\p{Ll}{3,} \\p{Ll}{3,}.*")) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.of(Integer.parseInt(m.group("year")), MONTHS.get(m.group("month").toLowerCase(Locale.ROOT)),
                    Integer.parseInt(m.group("day")));
        } catch (RuntimeException invalid) {
            return null;
        }
        Matcher time = TIME.matcher(rest);
        if (!time.find()) {
            time = nextLine == null ? null : TIME_ALONE.matcher(nextLine.strip());
            if (time != null && !time.matches()) {
                time = null;
            }
        }
        if (time == null) {
            return new Dated(date.atStartOfDay().toInstant(ZoneOffset.UTC), TimePrecision.DAY);
        }
        LocalTime at = LocalTime.of(Integer.parseInt(time.group("hour")), Integer.parseInt(time.group("minute")));
        return new Dated(date.atTime(at).atZone(MOSCOW).toInstant(), TimePrecision.MINUTE);
    }
}
