package org.speechforum.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * The one exception handler of a service, or the base of it: every answer Spring MVC builds for an exception is a
 * problem+json whose {@code detail} is written here for a person (which parameter, which type, which methods or
 * content types are taken), never the exception's own message, a class name or a stack frame. Anything not
 * handled more specifically is a 500 that says nothing of the internals; the exception goes to the log.
 */
public class HumanProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(HumanProblemHandler.class);

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail given ? given : ProblemDetail.forStatus(statusCode);
        problem.setTitle(Problems.title(statusCode.value()));
        problem.setDetail(detail(ex, statusCode));
        HttpHeaders answerHeaders = new HttpHeaders();
        answerHeaders.putAll(headers);
        answerHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return super.handleExceptionInternal(ex, problem, answerHeaders, statusCode, request);
    }

    /** Anything else: a 500 (or the status an {@link ErrorResponse} carries) with a message for a person. */
    @ExceptionHandler
    protected ResponseEntity<Object> unhandled(Exception ex, WebRequest request) {
        HttpStatusCode status = ex instanceof ErrorResponse response ? response.getStatusCode()
                : HttpStatus.INTERNAL_SERVER_ERROR;
        if (status.is5xxServerError()) {
            log.error("Unexpected failure", ex);
        }
        return handleExceptionInternal(ex, null, new HttpHeaders(), status, request);
    }

    /** The message for {@code ex}: specific where the exception tells something useful, else the status's. */
    public static String detail(Exception ex, HttpStatusCode status) {
        return switch (ex) {
            case HttpRequestMethodNotSupportedException e when e.getSupportedHttpMethods() != null ->
                    "This address does not accept that method; it takes " + e.getSupportedHttpMethods().stream()
                            .map(Object::toString).sorted().collect(Collectors.joining(", ")) + ".";
            case HttpMediaTypeNotSupportedException e when !e.getSupportedMediaTypes().isEmpty() ->
                    "This address does not take that content type; send one of " + join(e.getSupportedMediaTypes())
                            + ".";
            case HttpMediaTypeNotAcceptableException e when !e.getSupportedMediaTypes().isEmpty() ->
                    "This address cannot answer in the format asked for in Accept; it answers in "
                            + join(e.getSupportedMediaTypes()) + ".";
            case MissingServletRequestParameterException e ->
                    "The parameter '" + e.getParameterName() + "' is required.";
            case MissingRequestHeaderException e -> "The header '" + e.getHeaderName() + "' is required.";
            case MethodArgumentTypeMismatchException e ->
                    "The parameter '" + e.getName() + "' must be " + describe(e.getRequiredType()) + ".";
            case TypeMismatchException e -> "A value has the wrong type: it must be " + describe(e.getRequiredType())
                    + ".";
            case HttpMessageNotReadableException e -> "The request body could not be read; send valid JSON.";
            case NoResourceFoundException e -> Problems.detail(404);
            case NoHandlerFoundException e -> Problems.detail(404);
            case MaxUploadSizeExceededException e -> Problems.detail(413);
            case AsyncRequestTimeoutException e -> "The answer took too long; retry later.";
            default -> Problems.detail(status.value());
        };
    }

    /** A type as a person reads it: "a whole number", "one of A, B, C", "a date such as 2024-01-31". */
    public static String describe(Class<?> type) {
        if (type == null) {
            return "of another form";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (type == Instant.class || type == OffsetDateTime.class || type == LocalDate.class) {
            return "an ISO-8601 date such as 2024-01-31 or 2024-01-31T12:00:00Z";
        }
        if (type == String.class) {
            return "text";
        }
        return "of another form";
    }

    private static String join(Collection<MediaType> types) {
        return types.stream().map(MediaType::toString).collect(Collectors.joining(", "));
    }
}
