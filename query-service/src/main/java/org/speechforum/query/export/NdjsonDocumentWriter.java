package org.speechforum.query.export;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;

/** One compact JSON document per line, each line ended by {@code \n} (the last one too). */
final class NdjsonDocumentWriter implements DocumentWriter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OutputStream out;

    NdjsonDocumentWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(ObjectNode document) throws IOException {
        out.write(JSON.writeValueAsBytes(document));
        out.write('\n');
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }
}
