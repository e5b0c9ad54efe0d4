package org.speechforum.enrich.entities.eval;

import org.speechforum.enrich.text.TextNormaliser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hand-annotated gold documents. File format (src/test/resources/entities/gold/*.gold.txt): lines starting with
 * {@code #} are comments; {@code === <doc-id> <KIND> [parent=<doc-id>]} starts a document; its text follows with
 * each entity marked {@code [[surface|TYPE|canonical-id]]} (the id may be left out for entities nobody curated).
 */
public final class GoldCorpus {

    public record Span(int start, int end, String type, String id, String surface) {
    }

    public record Doc(String file, String id, String kind, String parentId, String text, List<Span> spans) {
        public boolean forum() {
            return !"SPEECH".equals(kind);
        }
    }

    private static final Pattern MARK = Pattern.compile("\\[\\[([^|\\]]+)\\|([A-Z]+)(?:\\|([^\\]]+))?]]");
    public static final List<String> SEED = List.of("seed.gold.txt");
    public static final List<String> OWN = List.of("kenya-climate.gold.txt", "germany-energy.gold.txt",
            "asean-sea.gold.txt");

    private GoldCorpus() {
    }

    public static List<Doc> load(String file) {
        String content;
        try (InputStream in = GoldCorpus.class.getResourceAsStream("/entities/gold/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("No gold file " + file);
            }
            content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Doc> docs = new ArrayList<>();
        String[] header = null;
        StringBuilder body = new StringBuilder();
        for (String line : content.split("\n", -1)) {
            if (line.startsWith("#") && header == null) {
                continue;
            }
            if (line.startsWith("=== ")) {
                if (header != null) {
                    docs.add(parse(file, header, body.toString()));
                }
                header = line.substring(4).trim().split("\\s+");
                body.setLength(0);
            } else if (header != null) {
                body.append(line).append('\n');
            }
        }
        if (header != null) {
            docs.add(parse(file, header, body.toString()));
        }
        return docs;
    }

    private static Doc parse(String file, String[] header, String marked) {
        String parent = null;
        for (int i = 2; i < header.length; i++) {
            if (header[i].startsWith("parent=")) {
                parent = header[i].substring(7);
            }
        }
        StringBuilder text = new StringBuilder();
        List<Span> spans = new ArrayList<>();
        Matcher m = MARK.matcher(marked.strip());
        int last = 0;
        String src = marked.strip();
        while (m.find()) {
            text.append(src, last, m.start());
            int start = text.length();
            text.append(m.group(1));
            spans.add(new Span(start, text.length(), m.group(2), m.group(3), m.group(1)));
            last = m.end();
        }
        text.append(src.substring(last));
        String t = text.toString();
        if (!TextNormaliser.normalise(t).equals(t)) {
            throw new IllegalStateException(file + " " + header[0] + ": gold text is not normalised text");
        }
        if (t.contains("[[") || t.contains("]]")) {
            throw new IllegalStateException(file + " " + header[0] + ": broken markup");
        }
        return new Doc(file, header[0], header[1], parent, t, spans);
    }
}
