package org.speechforum.query.index;

import org.junit.jupiter.api.Test;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.contracts.Entity;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class RootFieldsTest {

    @Test
    void aDocumentsEntitiesBecomeRootLevelKeysPerTypeAndCompactMentionCounts() {
        Document doc = Document.builder().id("d").kind(DocumentKind.SPEECH).source("s").text("t")
                .entities(List.of(
                        new Entity("Q1394", "Vladimir Lenin", "PERSON", 3, 0, List.of()),
                        new Entity("sf:organization:brics", "BRICS", "ORGANIZATION", 1, 10, List.of()),
                        new Entity("Q855", "Joseph Stalin", "PERSON", 2, 20, List.of()),
                        new Entity("Q7747", "Vladimir Putin", "PERSON", 0, null, List.of()).asSpoken("President")))
                .build();
        ObjectNode json = RootFields.write(DocumentJson.mapper().createObjectNode(), doc);
        assertThat(json.get("entityIds").toString())
                .isEqualTo("[\"Q1394\",\"sf:organization:brics\",\"Q855\",\"Q7747\"]");
        assertThat(json.get("entityIdsSpoken").toString()).isEqualTo("[\"Q7747\"]");
        assertThat(json.get("entityTypes").toString()).isEqualTo("[\"PERSON\",\"ORGANIZATION\"]");
        assertThat(json.at("/entityIdsByType/PERSON").toString()).isEqualTo("[\"Q1394\",\"Q855\",\"Q7747\"]");
        assertThat(json.at("/entityIdsByType/ORGANIZATION").toString()).isEqualTo("[\"sf:organization:brics\"]");
        assertThat(json.get("entityMentions").toString())
                .isEqualTo("[\"Q1394:3\",\"sf:organization:brics:1\",\"Q855:2\",\"Q7747:0\"]");
    }

    @Test
    void aDocumentWithoutEntitiesHasEmptyFields() {
        Document doc = Document.builder().id("d").kind(DocumentKind.COMMENT).source("s").text("t").build();
        ObjectNode json = RootFields.write(DocumentJson.mapper().createObjectNode(), doc);
        assertThat(json.get("entityIds")).isEmpty();
        assertThat(json.get("entityMentions")).isEmpty();
    }

    @Test
    void mentionTermsAddUpToMentionsAndTheirPatternMatchesOnlyTheGivenIds() {
        assertThat(RootFields.mentions("sf:organization:brics:4", 5)).isEqualTo(20);
        assertThat(RootFields.idOf("sf:organization:brics:4")).isEqualTo("sf:organization:brics");
        // Lucene's regexp syntax agrees with java.util.regex on backslash-escaped literals and alternation.
        Pattern p = Pattern.compile(RootFields.mentionsPattern(List.of("Q1", "sf:org.x")));
        assertThat(p.matcher("Q1:12").matches()).isTrue();
        assertThat(p.matcher("sf:org.x:1").matches()).isTrue();
        assertThat(p.matcher("Q12:1").matches()).isFalse();
        assertThat(p.matcher("sf:orgZx:1").matches()).isFalse();
    }
}
