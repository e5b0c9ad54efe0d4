package org.speechforum.ingest.submission;

import org.speechforum.ingest.format.PayloadFormat;

import org.speechforum.contracts.Document;
import org.speechforum.ingest.format.DocumentRefused;
import org.speechforum.ingest.uploads.TextUploadParser;

import java.util.List;

/**
 * What one submission became: per input item (array element, NDJSON line, or the whole payload), in input
 * order, either its documents or the reason it was refused. {@code batch} is true for arrays and NDJSON, whose
 * items are accepted or refused one by one. {@code upload} says what a text upload was recognised as (null for
 * the other formats).
 */
public record ParsedSubmission(PayloadFormat format, boolean batch, List<Item> items, TextUploadParser.Upload upload) {

    public ParsedSubmission(PayloadFormat format, boolean batch, List<Item> items) {
        this(format, batch, items, null);
    }

    /** One input item. {@code index} counts from 0; {@code line} is the NDJSON line (1-based) if any. */
    public record Item(int index, Integer line, List<Document> documents, String status, DocumentRefused refusal) {

        public static Item accepted(int index, Integer line, List<Document> documents, String status) {
            return new Item(index, line, documents, status, null);
        }

        public static Item refused(int index, Integer line, DocumentRefused refusal) {
            return new Item(index, line, List.of(), "refused", refusal);
        }

        public boolean isRefused() {
            return refusal != null;
        }
    }

    public List<Document> acceptedDocuments() {
        return items.stream().filter(i -> !i.isRefused()).flatMap(i -> i.documents().stream()).toList();
    }

    public List<Item> refused() {
        return items.stream().filter(Item::isRefused).toList();
    }

    public boolean noneAccepted() {
        return items.stream().allMatch(Item::isRefused);
    }
}
