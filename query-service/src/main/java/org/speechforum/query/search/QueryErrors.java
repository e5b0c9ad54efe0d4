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
import org.speechforum.web.HumanProblemHandler;
import org.speechforum.web.Problems;

import java.io.IOException;

/**
 * query-service's one exception handler: errors as problem+json written for a person (Spring MVC's own through
 * {@link HumanProblemHandler}); Elasticsearch's messages stay in the log, never in the answer.
 */
@RestControllerAdvice
class QueryErrors extends HumanProblemHandler {

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
        // The message names the id asked for; an id that is not plain (ids are hex, entity ids Q123) is not echoed.
        String detail = e.getMessage() != null && e.getMessage().matches("[A-Za-z0-9 _.:-]{1,200}")
                ? e.getMessage() : Problems.detail(404);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        problem.setTitle("Not found");
        return problem;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> elasticsearchFailed(ElasticsearchException e) {
        if (e.status() == 404) {
            // The index does not exist yet: nothing was ever indexed.
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(Problems.of(HttpStatus.NOT_FOUND, "Nothing has been indexed yet"));
        }
        if (e.status() == 400) {
            log.info("Elasticsearch refused a query: {}", e.getMessage());
            return ResponseEntity.badRequest()
                    .body(Problems.of(HttpStatus.BAD_REQUEST, "The query could not be run; simplify it or check its "
                            + "syntax (\"phrase\", -not, a | b)"));
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
