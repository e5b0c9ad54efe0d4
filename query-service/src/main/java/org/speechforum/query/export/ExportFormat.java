package org.speechforum.query.export;

import org.speechforum.query.search.BadRequest;

import java.io.OutputStream;
import java.util.Locale;

/** The two shapes of an export: one JSON document per line, or a CSV table with the {@link CsvColumns}. */
enum ExportFormat {

    NDJSON("application/x-ndjson", "ndjson"),
    CSV("text/csv", "csv");

    private final String mediaType;
    private final String extension;

    ExportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    String mediaType() {
        return mediaType;
    }

    String extension() {
        return extension;
    }

    DocumentWriter open(OutputStream out) {
        return this == CSV ? new CsvDocumentWriter(out) : new NdjsonDocumentWriter(out);
    }

    static ExportFormat parse(String value) {
        if (value == null || value.isBlank()) {
            return NDJSON;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("format must be ndjson or csv", "format");
        }
    }
}
