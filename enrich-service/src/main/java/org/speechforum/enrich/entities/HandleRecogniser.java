package org.speechforum.enrich.entities;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fediverse handles ({@code @user@instance}, or {@code @user}) are USER mentions with the id
 * {@code user:name@instance}: the highest-priority layer, so "@putin@example.social" never becomes a PERSON.
 * URLs are reported as blocked regions: nothing inside a URL is an entity.
 */
public final class HandleRecogniser implements Recogniser {

    private static final Pattern HANDLE = Pattern.compile(
            "(?<![\\w@/.])@([A-Za-z0-9_][A-Za-z0-9_.\\-]*[A-Za-z0-9_]|[A-Za-z0-9_]{1,2})(?:@([A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)+))?");
    private static final Pattern URL = Pattern.compile("\\b(?:https?://|www\\.)[^\\s<>\"]+");

    @Override
    public List<Candidate> recognise(AnalysedText analysed) {
        List<Candidate> out = new ArrayList<>();
        Matcher m = HANDLE.matcher(analysed.text());
        while (m.find()) {
            String handle = m.group(1) + (m.group(2) == null ? "" : "@" + m.group(2));
            out.add(new Candidate(m.start(), m.end(), EntityType.USER, "user:" + handle.toLowerCase(Locale.ROOT),
                    m.group(), Candidate.Source.HANDLE));
        }
        return out;
    }

    /** Character ranges of URLs, as {start, end} pairs. */
    static List<int[]> urls(String text) {
        List<int[]> out = new ArrayList<>();
        Matcher m = URL.matcher(text);
        while (m.find()) {
            out.add(new int[] {m.start(), m.end()});
        }
        return out;
    }
}
