package org.speechforum.ingest.web;

import jakarta.servlet.http.HttpServletRequest;
import org.speechforum.ingest.format.PayloadFormat;
import org.speechforum.ingest.submission.SubmissionService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Canonical JSON: one document, a JSON array, or NDJSON ({@code application/x-ndjson}). Array and NDJSON
 * items are accepted or refused one by one; see {@link SubmissionService} for the answers.
 */
@RestController
class DocumentController {

    private static final Set<PayloadFormat> ACCEPTED = EnumSet.of(PayloadFormat.CANONICAL_JSON, PayloadFormat.NDJSON);

    private final SubmissionService responder;

    DocumentController(SubmissionService responder) {
        this.responder = responder;
    }

    @PostMapping("/api/v1/documents")
    ResponseEntity<Map<String, Object>> submit(HttpServletRequest request) {
        PayloadFormat format = PayloadFormat.of(request.getContentType(), ACCEPTED);
        return responder.ingest(format, responder.body(request), null);
    }
}
