package org.speechforum.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's own error answers (requests refused before any servlet runs: an encoded slash or a NUL in the path,
 * an invalid URI or header) as problem+json instead of Tomcat's HTML page with its version. The report is
 * fixed per status: nothing of the request and nothing of Tomcat's message is echoed.
 */
public class ProblemErrorValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // As Tomcat's own valve: only errors, only when nothing was written yet, and only once.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(Problems.json(status, null, null, detail(status)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response was taken over: nothing more to say.
        }
    }

    private static String detail(int status) {
        if (status == 400) {
            // What Tomcat refuses by itself: %2F or %00 in the path, '..' escaping the root, invalid characters.
            return "The address or headers of the request are not valid (an encoded slash, a NUL or another "
                    + "character not allowed there); nothing was done.";
        }
        return Problems.detail(status);
    }
}
