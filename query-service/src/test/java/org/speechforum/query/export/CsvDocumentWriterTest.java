package org.speechforum.query.export;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvDocumentWriterTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aTextWithCommasQuotesAndLineBreaksReadsBackAsItWasWritten() throws Exception {
        String text = "He said \"no\", twice;\nthen left.\r\nÜber alles, ≈ 1 year ago";
        ObjectNode document = (ObjectNode) JSON.readTree("""
                {"id":"abc","kind":"COMMENT","source":"lemmygrad.ml","author":{"handle":"cfgaussian","instance":"lemmygrad.ml"},
                 "publishedAt":"2023-11-01T00:00:00Z","publishedAtPrecision":"YEAR","upvotes":34,
                 "thread":{"rootId":"root1","depth":2},
                 "entities":[{"id":"Q7747","name":"Vladimir Putin"},{"id":"Q1","name":"A; B"}]}""");
        document.put("text", text);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvDocumentWriter writer = new CsvDocumentWriter(out);
        writer.write(document);
        writer.write((ObjectNode) JSON.readTree("{\"id\":\"second\"}"));
        writer.flush();

        List<List<String>> rows = read(out.toString(StandardCharsets.UTF_8));
        assertThat(rows.get(0)).containsExactly("id", "kind", "source", "externalId", "url", "title", "authorName",
                "authorHandle", "authorInstance", "publishedAt", "publishedAtPrecision", "language", "parentId",
                "threadRootId", "threadDepth", "replyCount", "upvotes", "downvotes", "entityIds", "entityNames",
                "text");
        List<String> first = rows.get(1);
        assertThat(first.get(0)).isEqualTo("abc");
        assertThat(first.get(7)).isEqualTo("cfgaussian");
        assertThat(first.get(10)).isEqualTo("YEAR");
        assertThat(first.get(13)).isEqualTo("root1");
        assertThat(first.get(14)).isEqualTo("2");
        assertThat(first.get(16)).isEqualTo("34");
        assertThat(first.get(18)).isEqualTo("Q7747;Q1");
        assertThat(first.get(19)).isEqualTo("Vladimir Putin;A, B");
        assertThat(first.get(20)).isEqualTo(text);
        assertThat(rows.get(2).get(0)).isEqualTo("second");
        assertThat(rows.get(2).subList(1, 21)).allMatch(String::isEmpty);
        assertThat(rows).hasSize(3);
    }

    private static List<List<String>> read(String csv) {
        CsvMapper mapper = CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY).build();
        try (MappingIterator<List<String>> it = mapper.readerForListOf(String.class).readValues(csv)) {
            return it.readAll();
        }
    }
}
