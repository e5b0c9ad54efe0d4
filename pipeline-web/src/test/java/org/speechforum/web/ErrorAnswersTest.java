package org.speechforum.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Raw HTTP/1.1 over a socket (so Tomcat sees the bytes exactly as sent, even a NUL or an encoded slash) against a
 * small application with the shared error policy: each answer is problem+json with a message for a person and
 * nothing of Tomcat, Spring or Jackson in it.
 */
@SpringBootTest(classes = ErrorAnswersTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ErrorAnswersTest {

    /** Words that only a library's or the JVM's own message contains. */
    static final String[] INTERNALS = {"Exception", "\tat ", "org.springframework", "org.apache", "tools.jackson",
            "com.fasterxml", "java.lang", "Tomcat", "<html", "DeserializationFeature", "Cannot deserialize",
            "Failed to convert", "Cannot map"};

    @SpringBootApplication
    @RestController
    static class App {
        @GetMapping("/api/things")
        Map<String, Object> things(@RequestParam int size, @RequestParam(required = false) Instant from) {
            return Map.of("size", size);
        }

        @PostMapping("/api/things")
        Map<String, Object> create(@RequestBody Thing body) {
            return Map.of("ok", true);
        }

        @GetMapping("/api/boom")
        String boom() {
            throw new IllegalStateException("secret internal state at com.example.Secret");
        }
    }

    record Thing(int a) {
    }

    @LocalServerPort
    int port;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "encoded slash           | GET /api/things%2F..%2Fetc HTTP/1.1                | 400 | not valid",
            "NUL in the path         | GET /api/th%00ings HTTP/1.1                        | 400 | not valid",
            "raw dot-dot escape      | GET /../../etc/passwd HTTP/1.1                     | 400 | not valid",
            "unknown path            | GET /api/nothing-here HTTP/1.1                     | 404 | nothing at this address",
            "wrong method            | DELETE /api/things HTTP/1.1                        | 405 | it takes GET, POST",
            "missing parameter       | GET /api/things HTTP/1.1                           | 400 | 'size' is required",
            "parameter of wrong type | GET /api/things?size=ten HTTP/1.1                  | 400 | 'size' must be a whole number",
            "date of wrong form      | GET /api/things?size=1&from=yesterday HTTP/1.1     | 400 | 'from' must be an ISO-8601 date",
            "unacceptable Accept     | GET /api/things?size=1 HTTP/1.1\\r\\nAccept: image/png | 406 | answers in",
            "failure inside          | GET /api/boom HTTP/1.1                             | 500 | nothing was changed",
            "error page asked for    | GET /error HTTP/1.1                                | 404 | nothing at this address",
    })
    void eachErrorIsAProblemWrittenForAPerson(String name, String requestLine, int status, String detail)
            throws Exception {
        String answer = send(requestLine.replace("\\r\\n", "\r\n") + "\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertError(answer, status, detail);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "array into a number     | {\"a\":[1]}     | 400 | could not be read",
            "text into a number      | {\"a\":\"x\"}     | 400 | could not be read",
            "malformed body          | {\"a\":          | 400 | could not be read",
    })
    void bodyErrorsSayNothingOfTheParser(String name, String body, int status, String detail) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String answer = send("POST /api/things HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n" + body);

        assertError(answer, status, detail);
    }

    static void assertError(String answer, int status, String detail) {
        assertThat(answer).startsWith("HTTP/1.1 " + status);
        String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase();
        assertThat(head).contains("content-type: application/problem+json");
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        assertThat(body).contains("\"status\":" + status).contains(detail).doesNotContain(INTERNALS);
    }

    private String send(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
