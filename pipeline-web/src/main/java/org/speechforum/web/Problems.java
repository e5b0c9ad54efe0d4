package org.speechforum.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RFC 9457 problems written for a person: a title and a default message for every status the services answer,
 * so an answer never falls back to a library's text. Also writes a problem straight onto a servlet response,
 * for the filters and the Tomcat valve that answer before Spring MVC.
 */
public final class Problems {

    /** Base of the project's problem types: {@code https://speechforum.org/problems/<slug>}. */
    public static final String TYPE_BASE = "https://speechforum.org/problems/";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    /** The title for a status, e.g. "Not found". */
    public static String title(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 408 -> "Request timeout";
            case 409 -> "Conflict";
            case 411 -> "Length required";
            case 413 -> "Body too large";
            case 414 -> "Address too long";
            case 415 -> "Unsupported content type";
            case 422 -> "Unprocessable content";
            case 429 -> "Too many requests";
            case 431 -> "Headers too large";
            case 500 -> "Internal error";
            case 501 -> "Not implemented";
            case 503 -> "Service unavailable";
            case 505 -> "HTTP version not supported";
            default -> {
                HttpStatus known = HttpStatus.resolve(status);
                yield known != null ? known.getReasonPhrase() : status >= 500 ? "Server error" : "Client error";
            }
        };
    }

    /** What a person should know about a status when nothing more specific is known. */
    public static String detail(int status) {
        return switch (status) {
            case 400 -> "The request could not be understood: check its address, headers and body.";
            case 401 -> "Send a valid API key in the X-API-Key header.";
            case 403 -> "This key may not do that.";
            case 404 -> "There is nothing at this address.";
            case 405 -> "This address does not accept that method.";
            case 406 -> "This address cannot answer in the format asked for in Accept; it answers in JSON.";
            case 408 -> "The request took too long to arrive.";
            case 411 -> "Send the body with a Content-Length or in chunks.";
            case 413 -> "The body is larger than this service takes.";
            case 414 -> "The address is longer than this service takes.";
            case 415 -> "This address does not take that content type.";
            case 429 -> "Too many requests; retry after the time given in Retry-After.";
            case 431 -> "The request headers are larger than this service takes.";
            case 503 -> "The service cannot answer right now; retry later.";
            case 505 -> "Use HTTP/1.1 or HTTP/2.";
            default -> status >= 500
                    ? "Something went wrong on our side; nothing was changed. Retry later, and tell the operators if "
                            + "it persists."
                    : "The request was refused.";
        };
    }

    /** A problem with the status's title and {@code detail} (or the status's default message when null). */
    public static ProblemDetail of(HttpStatusCode status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
                detail != null ? detail : detail(status.value()));
        problem.setTitle(title(status.value()));
        return problem;
    }

    /** Writes a problem onto a response that nothing was written to yet. {@code slug} null: about:blank. */
    public static void write(HttpServletResponse response, int status, String slug, String title, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json(status, slug, title, detail));
    }

    /** The JSON text of a problem. */
    public static String json(int status, String slug, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", slug == null ? "about:blank" : URI.create(TYPE_BASE + slug).toString());
        body.put("title", title != null ? title : title(status));
        body.put("status", status);
        body.put("detail", detail != null ? detail : detail(status));
        return JSON.writeValueAsString(body);
    }
}
