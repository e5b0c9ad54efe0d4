package org.speechforum.ingest.web;

import jakarta.servlet.http.HttpServletRequest;
import org.speechforum.ingest.format.DocumentRefused;
import org.speechforum.ingest.format.DocumentRefused.Reason;
import org.speechforum.ingest.format.PayloadFormat;
import org.speechforum.ingest.submission.SubmissionService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.util.WebUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;

/**
 * Raw text as people copy it: {@code text/plain} (UTF-8) or a {@code multipart/form-data} upload with the text
 * in the part {@code file}. {@code source} (query parameter or form field) names where it came from, e.g.
 * {@code kremlin.ru}; it defaults to {@code upload}. {@code format} (query parameter or form field) forces a
 * recogniser ({@code transcript}, {@code lemmy-ui}, {@code mlmym}, …, {@code text}); without it the format
 * is detected. The answer's {@code recognised} says which format was read and what was guessed.
 */
@RestController
class UploadController {

    private final SubmissionService responder;

    UploadController(SubmissionService responder) {
        this.responder = responder;
    }

    @PostMapping("/api/v1/uploads")
    ResponseEntity<Map<String, Object>> upload(HttpServletRequest request,
                                               @RequestParam(name = "source", required = false) String source,
                                               @RequestParam(name = "format", required = false) String format) {
        MultipartHttpServletRequest multipart = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
        if (multipart == null) {
            PayloadFormat payload = PayloadFormat.of(request.getContentType(), Set.of(PayloadFormat.TEXT));
            return responder.ingest(payload, responder.body(request), source, format);
        }
        MultipartFile file = multipart.getFile("file");
        if (file == null) {
            throw new DocumentRefused(Reason.MISSING_FIELD, "The multipart upload has no part named 'file'", "file");
        }
        String partType = file.getContentType();
        if (partType != null && !partType.startsWith("text/plain") && !partType.equals("application/octet-stream")) {
            PayloadFormat.of(partType, Set.of(PayloadFormat.TEXT));   // refuses with 415
        }
        try (InputStream in = file.getInputStream()) {
            return responder.ingest(PayloadFormat.TEXT, responder.readLimited(in, responder.maxBodyBytes()), source,
                    format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
