package org.speechforum.query.export;

/**
 * Reading the next page failed after the 200 and part of the export were sent: too late for a problem+json, so
 * the connection is cut instead (see {@link ExportController#interrupted}).
 */
class ExportInterrupted extends RuntimeException {

    ExportInterrupted(long written, Throwable cause) {
        super("Export interrupted after " + written + " documents", cause);
    }
}
