package org.speechforum.query.search;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.io.IOException;

/** Errors as problem+json; Elasticsearch's own messages stay in the log, never in the answer. */
@RestControllerAdvice
class QueryErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(QueryErrors.class);

    @ExceptionHandler
    ProblemDetail badRequest(BadRequest e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid query parameter");
        problem.setProperty("parameter", e.parameter());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail notFound(NotFound e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        return problem;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> elasticsearchFailed(ElasticsearchException e) {
        if (e.status() == 404) {
            // The index does not exist yet: nothing was ever indexed.
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "Nothing has been indexed yet"));
        }
        if (e.status() == 400) {
            log.info("Elasticsearch refused a query: {}", e.getMessage());
            return ResponseEntity.badRequest()
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The query could not be run"));
        }
        return unavailable(e);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> elasticsearchUnreachable(IOException e) {
        return unavailable(e);
    }

    private static ResponseEntity<ProblemDetail> unavailable(Exception e) {
        log.warn("Search backend failed: {}", e.toString());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The search backend is unavailable; retry later");
        problem.setTitle("Search unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
    }
}
