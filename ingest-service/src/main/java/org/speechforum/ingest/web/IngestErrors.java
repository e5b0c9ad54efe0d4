package org.speechforum.ingest.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.speechforum.ingest.documents.DocumentPublisher;
import org.speechforum.ingest.documents.DocumentRefused;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;

/** Refusals as RFC 9457 problem+json: a type, a human message and the offending field; never a stack trace. */
@RestControllerAdvice
class IngestErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(IngestErrors.class);

    @ExceptionHandler
    ProblemDetail refused(DocumentRefused refused) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, refused.getMessage());
        problem.setType(URI.create("https://speechforum.org/problems/invalid-document"));
        problem.setTitle("Invalid document");
        if (refused.field() != null) {
            problem.setProperty("field", refused.field());
        }
        return problem;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> kafkaUnavailable(DocumentPublisher.PublishFailed failed) {
        log.error("Publishing to Kafka failed", failed);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The documents could not be stored right now; nothing was accepted. Retry later.");
        problem.setTitle("Storage unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "10")
                .body(problem);
    }
}
