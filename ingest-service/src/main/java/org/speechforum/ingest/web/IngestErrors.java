package org.speechforum.ingest.web;

import org.speechforum.ingest.submission.RefusalProblem;

import org.speechforum.ingest.submission.SubmissionService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.speechforum.ingest.submission.DocumentPublisher;
import org.speechforum.ingest.format.DocumentRefused;
import org.speechforum.ingest.format.DocumentRefused.Reason;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.speechforum.web.HumanProblemHandler;

import java.net.URI;
import java.util.Map;

/**
 * ingest-service's one exception handler: refusals as RFC 9457 problem+json with a type, a human message and the
 * offending field; Spring MVC's own errors through {@link HumanProblemHandler}; never a library's text or a
 * stack trace.
 */
@RestControllerAdvice
class IngestErrors extends HumanProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(IngestErrors.class);

    static ResponseEntity<ProblemDetail> problem(DocumentRefused refused) {
        return ResponseEntity.status(refused.reason().status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(RefusalProblem.of(refused));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> refused(DocumentRefused refused) {
        return problem(refused);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> batchRefused(SubmissionService.BatchRefused refused) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "No item of the batch was accepted; each item's problem is in 'items'");
        problem.setType(URI.create(Reason.BATCH_REFUSED.type()));
        problem.setTitle(Reason.BATCH_REFUSED.title());
        for (Map.Entry<String, Object> entry : refused.answer().entrySet()) {
            problem.setProperty(entry.getKey(), entry.getValue());
        }
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> kafkaUnavailable(DocumentPublisher.PublishFailed failed) {
        log.error("Publishing to Kafka failed", failed);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The documents could not be stored right now; nothing was accepted. Retry later.");
        problem.setTitle("Storage unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "10")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> multipart(MultipartException e) {
        if (e instanceof MaxUploadSizeExceededException || e.getMessage() != null
                && e.getMessage().toLowerCase().contains("size")) {
            return problem(new DocumentRefused(Reason.PAYLOAD_TOO_LARGE,
                    "The upload is larger than the configured limit (ingest.max-body-size)", null));
        }
        return problem(new DocumentRefused(Reason.INVALID_DOCUMENT, "Unreadable multipart upload", null));
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return new ResponseEntity<>(multipart(ex).getBody(), problemHeaders(), HttpStatus.PAYLOAD_TOO_LARGE);
    }

    /** Anything unexpected: a 500 problem that says nothing of the internals; the details go to the log. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> unexpected(RuntimeException e) {
        log.error("Unexpected failure while ingesting", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The submission could not be processed; nothing was accepted.");
        problem.setTitle("Internal error");
        return ResponseEntity.internalServerError().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static HttpHeaders problemHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return headers;
    }
}
