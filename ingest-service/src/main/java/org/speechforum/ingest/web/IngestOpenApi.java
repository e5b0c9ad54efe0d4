package org.speechforum.ingest.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ingest-service's OpenAPI description at {@code /v3/api-docs} (browsable at {@code /swagger-ui.html}): the API key
 * scheme, a request example for each format the endpoints take, and problem+json error answers.
 */
@Configuration
class IngestOpenApi {

    static final String API_KEY_SCHEME = "apiKey";

    @Bean
    OpenAPI ingestApi() {
        return new OpenAPI().info(new Info()
                        .title("Speech & forum pipeline: ingest API")
                        .version("v1")
                        .description("""
                                Accepts speeches and forum posts as canonical JSON (one, an array or NDJSON), \
                                copied transcript and thread text, and ActivityPub objects. Accepted documents \
                                are answered 202 with their ids; refusals are application/problem+json (RFC 9457)."""))
                .components(new Components().addSecuritySchemes(API_KEY_SCHEME, new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("X-API-Key")
                        .description("An ingest key (INGEST_API_KEY or a key with scope ingest)")))
                .addSecurityItem(new SecurityRequirement().addList(API_KEY_SCHEME));
    }

    @Bean
    OpenApiCustomizer ingestExamples() {
        return api -> {
            if (api.getPaths() == null) {
                return;
            }
            examples(api, "/api/v1/documents", Map.of(
                    "application/json", Map.of(
                            "canonical", """
                                    {"kind":"SPEECH","source":"parliament","title":"Budget speech",\
                                    "text":"Madam Speaker, today we present the budget.",\
                                    "publishedAt":"2026-11-20T10:00:00Z"}""",
                            "array", """
                                    [{"kind":"POST","source":"forum","text":"First post"},\
                                    {"kind":"POST","source":"forum","text":"Second post"}]"""),
                    "application/x-ndjson", Map.of(
                            "ndjson", """
                                    {"kind":"POST","source":"forum","text":"First post"}
                                    {"kind":"POST","source":"forum","text":"Second post"}
                                    """)));
            examples(api, "/api/v1/uploads", Map.of(
                    "text/plain", Map.of(
                            "transcript", """
                                    Budget speech, 20 November 2026

                                    THE PRIME MINISTER: Madam Speaker, today we present the budget.
                                    THE SPEAKER: Thank you.
                                    """,
                            "thread", """
                                    What did the budget speech mean for schools?
                                    posted by alice 2 hours ago

                                    bob 1 hour ago
                                    More money for teachers, as far as I read it.
                                    """)));
            examples(api, "/api/v1/activitypub", Map.of(
                    "application/activity+json", Map.of(
                            "note", """
                                    {"@context":"https://www.w3.org/ns/activitystreams","type":"Note",\
                                    "id":"https://social.example/notes/1","attributedTo":"https://social.example/users/alice",\
                                    "content":"<p>Watching the budget speech.</p>","published":"2026-11-20T10:05:00Z"}""",
                            "create", """
                                    {"@context":"https://www.w3.org/ns/activitystreams","type":"Create",\
                                    "actor":"https://social.example/users/bob","object":{"type":"Note",\
                                    "id":"https://social.example/notes/2","attributedTo":"https://social.example/users/bob",\
                                    "inReplyTo":"https://social.example/notes/1","content":"<p>Same here.</p>",\
                                    "published":"2026-11-20T10:06:00Z"}}""")));
        };
    }

    private static void examples(OpenAPI api, String path, Map<String, Map<String, String>> byMediaType) {
        PathItem item = api.getPaths().get(path);
        if (item == null || item.getPost() == null) {
            return;
        }
        Operation post = item.getPost();
        Content content = new Content();
        byMediaType.forEach((mediaType, examples) -> {
            Map<String, Example> named = new LinkedHashMap<>();
            examples.forEach((name, value) -> named.put(name, new Example().summary(name).value(value)));
            content.addMediaType(mediaType, new MediaType().schema(new StringSchema()).examples(named));
        });
        post.setRequestBody(new RequestBody().required(true).content(content));
        Content problem = new Content().addMediaType("application/problem+json",
                new MediaType().schema(new io.swagger.v3.oas.models.media.ObjectSchema()));
        post.getResponses()
                .addApiResponse("202", new ApiResponse().description("Accepted: each item's outcome and ids"))
                .addApiResponse("400", new ApiResponse().description("Refused: why, as problem+json").content(problem))
                .addApiResponse("401", new ApiResponse().description("No or unknown API key").content(problem))
                .addApiResponse("413", new ApiResponse().description("Body over ingest.max-body-size").content(problem))
                .addApiResponse("503", new ApiResponse().description("Kafka did not acknowledge").content(problem));
    }
}
