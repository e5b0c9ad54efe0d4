package org.speechforum.ingest.submission;

import org.speechforum.ingest.format.DocumentRefused;
import org.speechforum.ingest.format.DocumentRefused.Reason;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import java.net.URI;

/** A refusal as an RFC 9457 problem: the body of a 4xx answer, and of each refused item of a batch answer. */
public final class RefusalProblem {

    private RefusalProblem() {
    }

    public static ProblemDetail of(DocumentRefused refused) {
        Reason reason = refused.reason();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(reason.status()),
                refused.getMessage());
        problem.setType(URI.create(reason.type()));
        problem.setTitle(reason.title());
        if (refused.field() != null) {
            problem.setProperty("field", refused.field());
        }
        if (refused.line() != null) {
            problem.setProperty("line", refused.line());
        }
        return problem;
    }
}
