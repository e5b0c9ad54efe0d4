package org.speechforum.query.index;

import org.junit.jupiter.api.Test;
import org.speechforum.contracts.DocumentJson;
import tools.jackson.databind.JsonNode;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The languages {@link LanguageFields} writes and the per-language fields of the index mappings are one list:
 * a language added to one and not the other would be written into a field the mapping does not analyse, or
 * mapped and never written.
 */
class LanguageFieldsMappingTest {

    @Test
    void theMappingsAnalyseExactlyTheLanguagesLanguageFieldsWrites() throws Exception {
        JsonNode properties;
        try (InputStream in = getClass().getResourceAsStream("/elasticsearch/documents-mappings.json")) {
            properties = DocumentJson.mapper().readTree(in).get("properties");
        }
        for (String field : new String[] {"textByLanguage", "titleByLanguage"}) {
            Map<String, String> mapped = new LinkedHashMap<>();
            properties.get(field).get("properties").properties()
                    .forEach(e -> mapped.put(e.getKey(), e.getValue().get("analyzer").asString()));
            assertThat(mapped).as(field).containsExactlyInAnyOrderEntriesOf(LanguageFields.ANALYSERS);
        }
    }
}
