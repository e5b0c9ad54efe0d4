package org.speechforum.query.watch;

import org.speechforum.kafka.DownstreamUnavailable;
import org.speechforum.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The watch API's own refusals, as problem+json written for a person. Ordered before query-service's general
 * handler (which answers everything else, e.g. not found and unreadable bodies).
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(assignableTypes = WatchController.class)
class WatchErrors {

    static final class TooMany extends RuntimeException {
        TooMany(String message) {
            super(message);
        }
    }

    static final class Loading extends RuntimeException {
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalid(InvalidWatch e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid watch");
        if (e.field() != null) {
            problem.setProperty("field", e.field());
        }
        return answer(HttpStatus.BAD_REQUEST, problem, false);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> tooMany(TooMany e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Too many watches");
        return answer(HttpStatus.CONFLICT, problem, false);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> loading(Loading e) {
        return answer(HttpStatus.SERVICE_UNAVAILABLE, Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
                "The watches are still being read after a start; retry in a few seconds"), true);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> full(WatchStreams.Full e) {
        return answer(HttpStatus.SERVICE_UNAVAILABLE, Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
                "This instance has as many event streams open as it takes; retry later or elsewhere"), true);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> kafkaDown(DownstreamUnavailable e) {
        return answer(HttpStatus.SERVICE_UNAVAILABLE, Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
                "The watch could not be saved: Kafka is unavailable; retry later"), true);
    }

    private static ResponseEntity<ProblemDetail> answer(HttpStatus status, ProblemDetail problem, boolean retry) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (retry) {
            builder.header(HttpHeaders.RETRY_AFTER, "5");
        }
        return builder.body(problem);
    }
}
