package org.speechforum.ingest.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.speechforum.ingest.format.DocumentRefused;
import org.speechforum.ingest.format.DocumentRefused.Reason;
import org.speechforum.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Hands the endpoints a request whose body is already decoded ({@link BodyDecoding}): {@code Content-Encoding}
 * and {@code Content-Length} are gone from it, so every reader applies the body limit to the decoded bytes. An
 * unknown coding, or a compressed multipart upload (Tomcat parses parts from the raw bytes), is answered 415 with
 * {@code Accept-Encoding} before the body is read.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
class ContentEncodingFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/") || BodyDecoding.isIdentity(request.getHeader(HttpHeaders.CONTENT_ENCODING));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        String type = request.getContentType();
        try {
            BodyDecoding.codings(encoding);
            if (type != null && type.toLowerCase().startsWith("multipart/")) {
                throw new DocumentRefused(Reason.UNSUPPORTED_CONTENT_ENCODING,
                        "Multipart uploads are taken uncompressed only; compress a text/plain upload instead",
                        "Content-Encoding");
            }
        } catch (DocumentRefused refused) {
            response.setHeader("Accept-Encoding", BodyDecoding.ACCEPTED);
            Problems.write(response, refused.reason().status(), refused.reason().slug(), refused.reason().title(),
                    refused.getMessage());
            return;
        }
        chain.doFilter(new Decoded(request, BodyDecoding.decode(encoding, request.getInputStream())), response);
    }

    /** The request as the endpoints see it: decoded body, no Content-Encoding, length unknown. */
    private static final class Decoded extends HttpServletRequestWrapper {

        private final ServletInputStream body;

        Decoded(HttpServletRequest request, InputStream decoded) {
            super(request);
            this.body = new ServletInputStream() {
                private boolean finished;

                @Override
                public int read() throws IOException {
                    int b = decoded.read();
                    finished = b < 0;
                    return b;
                }

                @Override
                public int read(byte[] buffer, int off, int len) throws IOException {
                    int n = decoded.read(buffer, off, len);
                    finished = n < 0;
                    return n;
                }

                @Override
                public boolean isFinished() {
                    return finished;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("decoded bodies are read blocking");
                }
            };
        }

        @Override
        public ServletInputStream getInputStream() {
            return body;
        }

        @Override
        public int getContentLength() {
            return -1;
        }

        @Override
        public long getContentLengthLong() {
            return -1;
        }

        @Override
        public String getHeader(String name) {
            return isDropped(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return isDropped(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames());
            names.removeIf(Decoded::isDropped);
            return Collections.enumeration(names);
        }

        private static boolean isDropped(String name) {
            return HttpHeaders.CONTENT_ENCODING.equalsIgnoreCase(name) || HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name);
        }
    }
}
