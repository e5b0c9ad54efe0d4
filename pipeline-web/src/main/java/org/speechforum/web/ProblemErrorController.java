package org.speechforum.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The {@code /error} page (errors raised outside Spring MVC's handlers: a filter's {@code sendError}, an
 * exception in a filter, a status with no handler) as problem+json, in place of Spring Boot's
 * {@code BasicErrorController}. The message is the status's own; the exception goes to the log only. A response
 * already committed (a stream that failed midway, such as an export) gets nothing more: Tomcat cuts the connection
 * right after this page, which is how the client learns the body is incomplete, and an error body would only land
 * among its data.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping(value = "${server.error.path:${error.path:/error}}",
            produces = {MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE, MediaType.ALL_VALUE})
    ResponseEntity<ProblemDetail> error(HttpServletRequest request, HttpServletResponse response) {
        if (response.isCommitted()) {
            log.warn("Failure after the answer to {} was committed; the connection is cut",
                    request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                    (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
            return null;
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value && value >= 400 ? value : 500;
        Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (exception instanceof Throwable thrown && status >= 500) {
            log.error("Unhandled failure on {}", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), thrown);
        }
        if (code == null) {
            // /error asked for directly: there is no error to report.
            status = HttpStatus.NOT_FOUND.value();
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatusCode.valueOf(status), null));
    }
}
