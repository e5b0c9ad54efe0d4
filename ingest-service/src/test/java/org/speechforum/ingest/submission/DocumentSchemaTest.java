package org.speechforum.ingest.submission;

import org.speechforum.ingest.format.PayloadFormat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.ingest.format.DocumentRefused;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The published schema (contracts: schemas/document.v1.schema.json) accepts every document ingest publishes. */
class DocumentSchemaTest {

    private final SubmissionParser parser = new SubmissionParser(Clock.systemUTC());

    private static Schema schema() throws IOException {
        try (InputStream in = Document.class.getResourceAsStream("/schemas/document.v1.schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
    }

    @Test
    void everyPublishedDocumentValidates() throws Exception {
        Schema schema = schema();
        List<Document> documents = new ArrayList<>();
        try (InputStream seed = getClass().getResourceAsStream("/samples/seed.txt")) {
            documents.addAll(parser.parse(PayloadFormat.TEXT, seed.readAllBytes(), null).acceptedDocuments());
        }
        documents.addAll(parser.parse(PayloadFormat.CANONICAL_JSON, """
                {"kind":"SPEECH","source":"kremlin.ru","externalId":"73000","title":"T","text":"Text.",\
                "publishedAt":"2024-01-01T00:00:00Z","author":{"name":"Vladimir Putin","role":"President of Russia"}}"""
                .getBytes(StandardCharsets.UTF_8), null).acceptedDocuments());
        Path fixtures = Path.of(getClass().getResource("/activitypub").toURI());
        try (Stream<Path> files = Files.walk(fixtures)) {
            for (Path fixture : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                try {
                    documents.addAll(parser.parse(PayloadFormat.ACTIVITYPUB, Files.readAllBytes(fixture), null)
                            .acceptedDocuments());
                } catch (DocumentRefused refusedFixture) {
                    // refused fixtures publish nothing
                }
            }
        }
        assertThat(documents).hasSizeGreaterThan(40);
        for (Document document : documents) {
            String json = new String(DocumentJson.write(document), StandardCharsets.UTF_8);
            List<Error> errors = schema.validate(DocumentJson.mapper().readTree(json));
            assertThat(errors).as(json).isEmpty();
        }
    }

    @Test
    void theSchemaRefusesADocumentWithoutKind() throws IOException {
        List<Error> errors = schema().validate(DocumentJson.mapper().readTree("{\"source\":\"s\",\"text\":\"x\"}"));
        assertThat(errors).isNotEmpty();
    }
}
