package org.speechforum.e2e;

import org.junit.jupiter.api.Test;
import org.speechforum.contracts.DocumentIds;
import org.speechforum.enrich.EnrichServiceApplication;
import org.speechforum.enrich.pipeline.TaggerVersion;
import org.speechforum.enrich.retag.RetagFilter;
import org.speechforum.enrich.retag.Retagger;
import org.speechforum.localstack.TestEngines;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.speechforum.e2e.RunningPipeline.JSON;

/**
 * Re-tagging after an upgrade, on the real stack: documents enriched by the running enrich-service, then a second
 * enrich-service with another tagger configuration (a new taggerVersion) re-tags only one source's documents of
 * 2024, in two runs (the first stopped after one record, the second resuming); the read API then shows the new
 * version on exactly those documents, the others untouched, and the thread they form unchanged.
 */
class RetagTest {

    private final RunningPipeline pipeline = RunningPipeline.get();

    @Test
    void reTagsOnlyTheFilteredDocumentsAndResumesAfterAnInterruption() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String a = "retag-a-" + run;
        String b = "retag-b-" + run;
        String documents = """
                [{"kind":"POST","source":"%1$s","externalId":"post","title":"BRICS summit","text":"The BRICS summit in Kazan discussed trade in national currencies.","author":{"handle":"op","instance":"lemmy.example"},"publishedAt":"2024-10-22T10:00:00Z"},
                 {"kind":"COMMENT","source":"%1$s","externalId":"reply","parentExternalId":"post","text":"Vladimir Putin hosted the leaders of Brazil, India and China.","author":{"handle":"reader","instance":"lemmy.example"},"publishedAt":"2024-10-22T11:00:00Z"},
                 {"kind":"POST","source":"%1$s","externalId":"old","text":"An older post about the United Nations in New York.","author":{"handle":"op","instance":"lemmy.example"},"publishedAt":"2023-05-01T10:00:00Z"},
                 {"kind":"POST","source":"%2$s","externalId":"other","text":"Another source writes about the BRICS summit in Kazan.","author":{"handle":"op","instance":"lemmy.example"},"publishedAt":"2024-10-22T12:00:00Z"}]
                """.formatted(a, b);
        HttpResponse<String> accepted = pipeline.postJson(pipeline.ingest("/api/v1/documents"), documents);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String post = DocumentIds.of(a, "post");
        String reply = DocumentIds.of(a, "reply");
        String old = DocumentIds.of(a, "old");
        String other = DocumentIds.of(b, "other");
        pipeline.awaitThread(post, t -> t.get("size").asInt() == 2 && t.get("replyCount").asInt() == 1);
        String before = awaitTaggerVersion(other, v -> v != null);
        for (String id : List.of(post, reply, old)) {
            assertThat(awaitTaggerVersion(id, v -> v != null)).isEqualTo(before);
        }

        // The upgrade: the same build with another tagger configuration, so another taggerVersion.
        try (ConfigurableApplicationContext upgraded = EnrichServiceApplication.application()
                .web(WebApplicationType.NONE)
                // Arguments, not default properties: enrich-service.yml outranks those.
                .run("--enrich.entities.statistical.enabled=false", "--enrich.entities.statistical.types=PERSON",
                        "--spring.kafka.bootstrap-servers=" + TestEngines.kafkaBootstrapServers(),
                        "--spring.elasticsearch.uris=" + TestEngines.elasticsearchUrl(),
                        "--spring.kafka.listener.auto-startup=false")) {
            String after = upgraded.getBean(TaggerVersion.class).value();
            assertThat(after).isNotEqualTo(before);
            Retagger retagger = upgraded.getBean(Retagger.class);
            RetagFilter filter = new RetagFilter(List.of(a), Instant.parse("2024-01-01T00:00:00Z"),
                    Instant.parse("2025-01-01T00:00:00Z"));
            String name = "test-" + run;

            Retagger.Result first = retagger.run(name, filter, 1, 1, Duration.ofSeconds(1));
            assertThat(first.complete()).isFalse();
            assertThat(first.read()).isEqualTo(1);
            Retagger.Result second = retagger.run(name, filter, 0, 500, Duration.ofSeconds(1));
            assertThat(second.complete()).isTrue();
            assertThat(second.read()).as("the second run resumes where the first stopped").isEqualTo(first.remaining());
            assertThat(first.retagged() + second.retagged()).isEqualTo(2);
            Retagger.Result again = retagger.run(name, filter, 0, 500, Duration.ofSeconds(1));
            assertThat(again.read()).as("a finished run has nothing left").isZero();

            // What a user sees: the two filtered documents carry the new version, the others the old one.
            assertThat(awaitTaggerVersion(post, after::equals)).isEqualTo(after);
            assertThat(awaitTaggerVersion(reply, after::equals)).isEqualTo(after);
            Map<String, String> untouched = Map.of(old, "outside the date range", other, "another source");
            untouched.forEach((id, why) -> {
                try {
                    assertThat(taggerVersion(id)).as(why).isEqualTo(before);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            JsonNode thread = pipeline.awaitThread(post, t -> true);
            assertThat(thread.get("size").asInt()).isEqualTo(2);
            assertThat(thread.get("replyCount").asInt()).isEqualTo(1);
            assertThat(thread.get("participantCount").asInt()).isEqualTo(2);
            JsonNode replied = JSON.readTree(pipeline.get(pipeline.query("/api/v1/documents/" + reply)).body());
            assertThat(replied.get("thread").get("rootId").asString()).isEqualTo(post);
            assertThat(replied.get("entities").toString()).contains("Vladimir Putin");
        }
    }

    private String taggerVersion(String id) throws Exception {
        HttpResponse<String> answer = pipeline.get(pipeline.query("/api/v1/documents/" + id));
        if (answer.statusCode() != 200) {
            return null;
        }
        JsonNode version = JSON.readTree(answer.body()).get("taggerVersion");
        return version == null || version.isNull() ? null : version.asString();
    }

    private String awaitTaggerVersion(String id, java.util.function.Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            last = taggerVersion(id);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Document " + id + " never reached the expected taggerVersion; last: " + last);
    }
}
