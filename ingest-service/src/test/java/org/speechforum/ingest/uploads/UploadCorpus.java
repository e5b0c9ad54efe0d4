package org.speechforum.ingest.uploads;

import org.speechforum.contracts.Author;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.ingest.uploads.transcript.SpeakerLabels;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates the upload parser on the corpus of real pasted pages in {@code src/test/resources/corpus}: for
 * each page of {@code corpus.json}, whether the documents (kinds, in order), the speakers (in order of first
 * turn), the speech's title and date, the comment authors and each comment's parent are exactly the expected
 * ones. {@link #main} prints the table; {@code UploadCorpusTest} asserts its floors.
 */
public final class UploadCorpus {

    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    /** One page's outcome; {@code problems} says what differed. */
    public record Row(String file, String format, boolean heldOut, boolean documents, boolean speakers,
                      boolean heading, boolean authors, boolean parents, String recognised, double kept,
                      List<String> problems) {
        public boolean exact() {
            return documents && speakers && heading && authors && parents;
        }
    }

    private UploadCorpus() {
    }

    public static List<Row> evaluate(boolean includeHeldOut) {
        JsonNode corpus = DocumentJson.mapper().readTree(resource("/corpus/corpus.json"));
        TextUploadParser parser = new TextUploadParser(Clock.fixed(NOW, ZoneOffset.UTC));
        List<Row> rows = new ArrayList<>();
        for (JsonNode page : corpus.get("pages")) {
            boolean heldOut = page.get("heldOut").asBoolean();
            if (heldOut && !includeHeldOut) {
                continue;
            }
            String file = page.get("file").asString();
            String text = new String(resource("/corpus/" + file), StandardCharsets.UTF_8);
            TextUploadParser.Upload upload = parser.read(text, "corpus", null);
            rows.add(compare(file, page, upload, kept(text, upload.documents())));
        }
        return rows;
    }

    private static final Pattern WORD = Pattern.compile("\\p{L}{4,}");
    /** Words of the front-ends' own chrome and dates, which documents carry as fields or leave out on purpose. */
    private static final Set<String> CHROME_WORDS = Set.of("link", "fedilink", "arrow", "reply",
            "replies", "report", "share", "save", "more", "vertical", "edit", "permalink", "source", "hide", "child",
            "children", "comments", "comment", "points", "point", "level", "edited", "last", "load", "embed", "parent",
            "give", "award", "next", "prev", "root", "view", "settings", "font", "size", "site", "colours", "official",
            "website", "just", "seconds", "minutes", "hours", "days", "weeks", "months", "years", "minute", "hour",
            "week", "month", "year", "submitted", "posted", "sorted", "best", "favorite", "favorites", "boosts", "past",
            "flag", "english", "like", "likes");

    /**
     * Share of the page's words (four letters or more, the front-ends' chrome vocabulary left out) found again
     * in its documents — text, title, author, speakers, annotations. What is still missing is other page
     * chrome and header lines the documents carry as fields; a body that went missing shows here.
     */
    static double kept(String text, List<Document> documents) {
        StringBuilder bag = new StringBuilder();
        for (Document d : documents) {
            bag.append(d.text()).append(' ').append(d.title()).append(' ');
            for (Author a : d.author() == null ? List.<Author>of() : List.of(d.author())) {
                bag.append(a.name()).append(' ').append(a.handle()).append(' ').append(a.role()).append(' ').append(a.instance()).append(' ');
            }
            if (d.speakers() != null) {
                d.speakers().forEach(a -> bag.append(a.name()).append(' ').append(a.role()).append(' '));
            }
            if (d.annotations() != null) {
                d.annotations().forEach(a -> bag.append(a.text()).append(' '));
            }
        }
        Set<String> have = new HashSet<>();
        Matcher m = WORD.matcher(bag.toString().toLowerCase(Locale.ROOT));
        while (m.find()) {
            have.add(m.group());
        }
        int all = 0;
        int found = 0;
        m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            if (CHROME_WORDS.contains(m.group())) {
                continue;
            }
            all++;
            if (have.contains(m.group())) {
                found++;
            }
        }
        return all == 0 ? 1.0 : (double) found / all;
    }

    private static Row compare(String file, JsonNode page, TextUploadParser.Upload upload, double kept) {
        List<Document> actual = upload.documents();
        JsonNode expected = page.get("documents");
        List<String> problems = new ArrayList<>();
        List<String> wantKinds = new ArrayList<>();
        expected.forEach(d -> wantKinds.add(d.get("kind").asString()));
        List<String> gotKinds = actual.stream().map(d -> d.kind().name()).toList();
        boolean documents = wantKinds.equals(gotKinds);
        if (!documents) {
            problems.add("kinds " + gotKinds + " instead of " + wantKinds);
        }
        boolean speakers = true;
        boolean heading = true;
        boolean authors = true;
        boolean parents = true;
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < actual.size(); i++) {
            index.put(actual.get(i).id(), i);
        }
        for (int i = 0; i < expected.size(); i++) {
            JsonNode want = expected.get(i);
            Document got = i < actual.size() ? actual.get(i) : null;
            if (want.has("speakers")) {
                List<String> wantSpeakers = new ArrayList<>();
                want.get("speakers").forEach(s -> wantSpeakers.add(s.asString()));
                List<String> gotSpeakers = got == null || got.speakers() == null ? List.of()
                        : got.speakers().stream().map(SpeakerLabels::display).toList();
                if (!wantSpeakers.equals(gotSpeakers)) {
                    speakers = false;
                    problems.add("speakers " + gotSpeakers + " instead of " + wantSpeakers);
                }
                String wantTitle = want.path("title").isNull() || want.path("title").isMissingNode() ? null
                        : want.get("title").asString();
                String wantDate = want.path("date").isNull() || want.path("date").isMissingNode() ? null
                        : want.get("date").asString();
                String gotTitle = got == null ? null : got.title();
                String gotDate = got == null || got.publishedAt() == null ? null
                        : got.publishedAt().atZone(MOSCOW).toLocalDate().toString();
                if (!Objects.equals(wantTitle, gotTitle) || !Objects.equals(wantDate, gotDate)) {
                    heading = false;
                    problems.add("title/date '" + gotTitle + "' " + gotDate + " instead of '" + wantTitle + "' " + wantDate);
                }
            }
            if (want.has("author")) {
                String gotWho = got == null ? null : who(got.author());
                if (!want.get("author").asString().equals(gotWho)) {
                    authors = false;
                    problems.add("document " + i + " by " + gotWho + " instead of " + want.get("author").asString());
                }
            }
            if (want.has("parent")) {
                Integer wantParent = want.get("parent").isNull() ? null : want.get("parent").asInt();
                Integer gotParent = got == null || got.parentId() == null ? null : index.getOrDefault(got.parentId(), -2);
                if (!Objects.equals(wantParent, gotParent)) {
                    parents = false;
                    problems.add("document " + i + " replies to " + gotParent + " instead of " + wantParent);
                }
            }
        }
        return new Row(file, page.get("format").asString(), page.get("heldOut").asBoolean(), documents, speakers,
                heading, authors, parents, upload.format(), kept, problems);
    }

    static String who(Author author) {
        if (author == null) {
            return null;
        }
        String who = author.handle() != null ? author.handle() : author.name();
        return author.instance() == null || who == null ? who : who + "@" + author.instance();
    }

    /** The table: one line per file, then one per format, then the tuning and held-out totals. */
    public static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-46s %-16s %-22s %-5s %-5s %-5s %-5s %-5s %-5s %5s%n", "file", "format", "recognised",
                "docs", "spkr", "head", "auth", "prnt", "exact", "kept"));
        for (Row r : rows) {
            out.append(String.format("%-46s %-16s %-22s %-5s %-5s %-5s %-5s %-5s %-5s %4.0f%%%s%n", r.file() + (r.heldOut() ? " *" : ""),
                    r.format(), r.recognised(), mark(r.documents()), mark(r.speakers()), mark(r.heading()),
                    mark(r.authors()), mark(r.parents()), mark(r.exact()), 100 * r.kept(),
                    r.problems().isEmpty() ? "" : "  " + String.join("; ", r.problems())));
        }
        out.append(String.format("%n%-16s %5s %5s %5s %5s %5s %5s %5s %9s%n", "format", "files", "docs", "spkr", "head",
                "auth", "prnt", "exact", "kept(min)"));
        Map<String, List<Row>> byFormat = new LinkedHashMap<>();
        rows.forEach(r -> byFormat.computeIfAbsent(r.format(), k -> new ArrayList<>()).add(r));
        byFormat.forEach((format, rs) -> out.append(summary(format, rs)));
        out.append(summary("tuning", rows.stream().filter(r -> !r.heldOut()).toList()));
        out.append(summary("held-out (*)", rows.stream().filter(Row::heldOut).toList()));
        out.append(summary("all", rows));
        return out.toString();
    }

    private static String summary(String label, List<Row> rs) {
        return String.format("%-16s %5d %5s %5s %5s %5s %5s %5s %8.0f%%%n", label, rs.size(),
                count(rs, Row::documents), count(rs, Row::speakers), count(rs, Row::heading), count(rs, Row::authors),
                count(rs, Row::parents), count(rs, Row::exact),
                100 * rs.stream().mapToDouble(Row::kept).min().orElse(1.0));
    }

    private static String count(List<Row> rs, Predicate<Row> ok) {
        return rs.stream().filter(ok).count() + "/" + rs.size();
    }

    private static String mark(boolean ok) {
        return ok ? "ok" : "FAIL";
    }

    private static byte[] resource(String path) {
        try (InputStream in = UploadCorpus.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing corpus resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documents the parser makes of one corpus file, as JSON lines: for looking at what went wrong. */
    public static String show(String file) {
        TextUploadParser parser = new TextUploadParser(Clock.fixed(NOW, ZoneOffset.UTC));
        TextUploadParser.Upload upload = parser.read(new String(resource("/corpus/" + file), StandardCharsets.UTF_8),
                "corpus", null);
        StringBuilder out = new StringBuilder("format " + upload.format() + ", notes " + upload.notes() + "\n");
        upload.documents().forEach(d -> out.append(DocumentJson.mapper().writeValueAsString(d)).append('\n'));
        return out.toString();
    }

    /** Prints the table; pass {@code --tuning-only} to leave the held-out pages out. */
    public static void main(String[] args) {
        boolean tuningOnly = List.of(args).contains("--tuning-only");
        System.out.print(table(evaluate(!tuningOnly)));
    }
}
