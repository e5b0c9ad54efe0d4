package org.speechforum.query.index;

import org.junit.jupiter.api.Test;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentIds;
import org.speechforum.query.QueryServiceIntegrationTest;
import org.speechforum.query.QueryTestClient;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.speechforum.query.QueryTestClient.enriched;
import static org.speechforum.query.QueryTestClient.send;

/**
 * German text is searched with German stemming and English text with English stemming (index.LanguageFields),
 * through the real indexer and search API: a German document is found by another inflected form of its word,
 * never through English rules; an English one never through German rules; facets count both.
 */
@QueryServiceIntegrationTest
class LanguageAnalysisTest {

    @LocalServerPort
    int port;

    @Test
    void germanTextIsStemmedByGermanRulesAndEnglishTextByEnglishOnes() throws Exception {
        String marker = "lang" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Document german = enriched(marker + "-de", "Die Verhandlungen über die Handelsabkommen wurden nach den "
                + "Meetings in Berlin fortgesetzt, sagte der Minister " + marker + ".").toBuilder()
                .id(DocumentIds.of("test", marker + "-de")).language("de").title("Gespräche in Berlin").build();
        Document english = enriched(marker + "-en", "The ministers walked through the garden after the "
                + "negotiations, " + marker + ".").toBuilder().language("en").build();
        send(german, english);
        QueryTestClient query = new QueryTestClient(port);
        query.awaitHits(marker, 2);

        // German stemming: "Verhandlung" finds "Verhandlungen" (the English stemmer leaves both as they are).
        JsonNode found = search(query, "Verhandlung " + marker);
        assertThat(ids(found)).containsExactly(german.id());
        assertThat(found.get("hits").get(0).get("highlight").get("text").get(0).asString())
                .contains("<mark>Verhandlungen</mark>");
        assertThat(ids(search(query, "Handelsabkommen " + marker))).containsExactly(german.id());
        // Not English stemming of German text: "meet" would match "Meetings" under English rules.
        assertThat(ids(search(query, "meet " + marker))).isEmpty();

        // English stemming of English text, and no German rules: "gard" would match "garden" under German ones.
        assertThat(ids(search(query, "negotiation " + marker))).containsExactly(english.id());
        assertThat(ids(search(query, "gard " + marker))).isEmpty();

        // Facets still count both languages; the document API shows the document, not the analysis fields.
        JsonNode both = search(query, marker);
        Map<String, Long> languages = new HashMap<>();
        both.get("facets").get("languages").forEach(b -> languages.put(b.get("value").asString(), b.get("count").asLong()));
        assertThat(languages).containsEntry("de", 1L).containsEntry("en", 1L);
        assertThat(both.get("total").asLong()).isEqualTo(2);
        assertThat(ids(search(query, marker + "&language=de"))).containsExactly(german.id());
        JsonNode stored = query.getJson("/api/v1/documents/" + german.id());
        assertThat(stored.get("text").asString()).isEqualTo(german.text());
        assertThat(stored.has("textByLanguage")).isFalse();
        assertThat(stored.has("analyzedLanguage")).isFalse();
    }

    private static JsonNode search(QueryTestClient query, String q) throws Exception {
        int amp = q.indexOf('&');
        String text = amp < 0 ? q : q.substring(0, amp);
        String rest = amp < 0 ? "" : q.substring(amp);
        return query.getJson("/api/v1/search?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8) + rest);
    }

    private static java.util.List<String> ids(JsonNode answer) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        answer.get("hits").forEach(h -> ids.add(h.get("id").asString()));
        return ids;
    }
}
