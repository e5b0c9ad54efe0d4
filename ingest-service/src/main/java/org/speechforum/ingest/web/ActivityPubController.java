package org.speechforum.ingest.web;

import jakarta.servlet.http.HttpServletRequest;
import org.speechforum.ingest.format.PayloadFormat;
import org.speechforum.ingest.submission.SubmissionService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.Set;

/**
 * ActivityStreams 2.0 objects and activities ({@code application/activity+json},
 * {@code application/ld+json; profile="https://www.w3.org/ns/activitystreams"} or plain
 * {@code application/json}).
 */
@RestController
class ActivityPubController {

    private final SubmissionService responder;

    ActivityPubController(SubmissionService responder) {
        this.responder = responder;
    }

    @PostMapping("/api/v1/activitypub")
    ResponseEntity<Map<String, Object>> submit(HttpServletRequest request) {
        PayloadFormat format = PayloadFormat.of(request.getContentType(), Set.of(PayloadFormat.ACTIVITYPUB));
        return responder.ingest(format, responder.body(request), null);
    }
}
