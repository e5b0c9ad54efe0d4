package org.speechforum.query.watch;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.speechforum.query.search.NotFound;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Watches: saved searches whose new matches are pushed to {@code watches.matches.v1} and to event streams. */
@RestController
@Tag(name = "Watches", description = "Saved searches whose new matches are announced as they are indexed "
        + "(docs/watches.md)")
class WatchController {

    static final String WATCH_EXAMPLE = """
            {"id":"5b0c1f9e-8d1a-4c1e-9a57-0f5a3f7e2b11","name":"BRICS in speeches","q":"BRICS",\
            "filters":{"kind":["SPEECH"],"source":[],"author":[],"entity":[],"entityType":[],"from":null,"to":null,\
            "root":null},"createdAt":"2026-12-03T07:00:00Z"}""";
    static final String CREATE_EXAMPLE = """
            {"name":"BRICS in speeches","q":"BRICS","filters":{"kind":["SPEECH"],"from":"2024-01-01"}}""";
    static final String EVENT_EXAMPLE = """
            id: 1-42
            event: match
            data: {"matchId":"9f2c…","watchId":"5b0c1f9e-…","watchName":"BRICS in speeches","documentId":"2c97…",\
            "kind":"SPEECH","source":"kremlin.ru","title":"Plenary session","author":"Vladimir Putin",\
            "publishedAt":"2024-10-24T10:00:00Z","indexedAt":"2026-12-03T07:01:02.345Z"}
            """;
    private static final String ID = "[A-Za-z0-9-]{1,64}";

    private final WatchLog log;
    private final WatchRegistry registry;
    private final WatchStreams streams;
    private final WatchProperties properties;

    WatchController(WatchLog log, WatchRegistry registry, WatchStreams streams, WatchProperties properties) {
        this.log = log;
        this.registry = registry;
        this.streams = streams;
        this.properties = properties;
    }

    @PostMapping(path = "/api/v1/watches", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a watch", description = "A saved search: name, q (the search's simple query "
            + "string) and filters (those of GET /api/v1/search: kind, source, author, entity, entityType, from, "
            + "to, root; a text or a list). Documents indexed from then on that match it are announced on "
            + "watches.matches.v1 and on GET /api/v1/watches/{id}/events. 201 once this instance matches with it; "
            + "202 if it is on the log but not yet taken (moments later it is). Unknown fields are refused.",
            requestBody = @RequestBody(content = @Content(examples = @ExampleObject(value = CREATE_EXAMPLE))))
    @ApiResponse(responseCode = "201", content = @Content(examples = @ExampleObject(value = WATCH_EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "Invalid definition (problem+json names the field)")
    @ApiResponse(responseCode = "409", description = "As many watches as query.watches.max-watches exist")
    ResponseEntity<Watch> create(@org.springframework.web.bind.annotation.RequestBody JsonNode body,
                                 UriComponentsBuilder uri) {
        Watch watch = WatchRequests.parse(body, UUID.randomUUID().toString(), Instant.now());
        awaitLoaded();
        if (registry.size() >= properties.maxWatches()) {
            throw new WatchErrors.TooMany("There are " + registry.size() + " watches, the most this service takes "
                    + "(query.watches.max-watches); delete one first");
        }
        WatchLog.Written written = log.put(watch);
        URI location = uri.path("/api/v1/watches/{id}").buildAndExpand(watch.id()).toUri();
        HttpStatus status = applied(written) ? HttpStatus.CREATED : HttpStatus.ACCEPTED;
        return ResponseEntity.status(status).location(location).body(watch);
    }

    @GetMapping("/api/v1/watches")
    @Operation(summary = "List the watches", description = "Every watch, newest first.")
    Map<String, List<Watch>> list() {
        awaitLoaded();
        return Map.of("watches", registry.all());
    }

    @GetMapping("/api/v1/watches/{id}")
    @Operation(summary = "One watch")
    @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = WATCH_EXAMPLE)))
    Watch get(@PathVariable String id) {
        return find(id);
    }

    @DeleteMapping("/api/v1/watches/{id}")
    @Operation(summary = "Delete a watch", description = "A tombstone on watches.v1; the watch's open event "
            + "streams get an event 'deleted' and close. 204 once this instance has taken it, 202 before.")
    ResponseEntity<Void> delete(@PathVariable String id) {
        find(id);
        WatchLog.Written written = log.delete(id);
        return ResponseEntity.status(applied(written) ? HttpStatus.NO_CONTENT : HttpStatus.ACCEPTED).build();
    }

    @GetMapping(path = "/api/v1/watches/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Follow a watch's new matches (Server-Sent Events)", description = "An event 'match' "
            + "per new match (data: the match JSON, id: <partition>-<offset>), a comment line every "
            + "query.watches.heartbeat (15 s), 'deleted' when the watch is deleted. Reconnect with Last-Event-ID "
            + "to get what was missed (from the last query.watches.replay events per watch; an event 'gap' says "
            + "when some may be older). Works on any instance.")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
            examples = @ExampleObject(value = EVENT_EXAMPLE)))
    SseEmitter events(@PathVariable String id,
                      @Parameter(description = "the id of the last event received, sent by EventSource on reconnect")
                      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        find(id);
        return streams.subscribe(id, lastEventId);
    }

    private Watch find(String id) {
        if (!id.matches(ID)) {
            throw new NotFound("No watch with that id");
        }
        awaitLoaded();
        return registry.get(id).orElseThrow(() -> new NotFound("No watch with id " + id));
    }

    private boolean applied(WatchLog.Written written) {
        try {
            return registry.awaitApplied(written.partition(), written.offset(), properties.createWait());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitLoaded() {
        try {
            if (!registry.awaitLoaded(properties.loadWait())) {
                throw new WatchErrors.Loading();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WatchErrors.Loading();
        }
    }
}
