package org.speechforum.ingest.submission;

import org.speechforum.ingest.uploads.TextUploadParser;

import org.speechforum.contracts.Document;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code recognised} part of the answer to a text upload: format, kinds produced, notes. */
public final class UploadAnswer {

    private UploadAnswer() {
    }

    /** {@code {"format": "transcript+lemmy-ui", "kinds": {"SPEECH": 1, "COMMENT": 4}, "notes": [...]}}. */
    public static Map<String, Object> recognised(TextUploadParser.Upload upload) {
        Map<String, Integer> kinds = new LinkedHashMap<>();
        for (Document d : upload.documents()) {
            kinds.merge(d.kind().name(), 1, Integer::sum);
        }
        Map<String, Object> recognised = new LinkedHashMap<>();
        recognised.put("format", upload.format());
        recognised.put("kinds", kinds);
        recognised.put("notes", upload.notes());
        return recognised;
    }
}
