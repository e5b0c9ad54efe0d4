package org.speechforum.query.export;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A header line with the {@link CsvColumns} names, then one row per document. Quoting and escaping (commas,
 * quotes, line breaks inside the text) are Jackson's CSV writer's, RFC 4180 style; lines end in {@code \n}.
 */
final class CsvDocumentWriter implements DocumentWriter {

    private static final CsvMapper CSV = CsvMapper.builder().build();
    static final CsvSchema SCHEMA = schema();

    private final OutputStream out;
    private final SequenceWriter rows;

    CsvDocumentWriter(OutputStream out) {
        this.out = out;
        this.rows = CSV.writer(SCHEMA).writeValues(new NonClosing(out));
    }

    private static CsvSchema schema() {
        CsvSchema.Builder builder = CsvSchema.builder().setUseHeader(true);
        for (CsvColumns column : CsvColumns.values()) {
            builder.addColumn(column.header());
        }
        return builder.build();
    }

    @Override
    public void write(ObjectNode document) throws IOException {
        try {
            rows.write(CsvColumns.row(document));
        } catch (JacksonException e) {
            // The writer's own failures are the stream's: the client is gone or the connection broke.
            throw e.getCause() instanceof IOException io ? io : new IOException(e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            rows.flush();
        } catch (JacksonException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e);
        }
        out.flush();
    }

    /** The answer's stream is the container's to close; the CSV writer only ever flushes it. */
    private static final class NonClosing extends java.io.FilterOutputStream {

        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
