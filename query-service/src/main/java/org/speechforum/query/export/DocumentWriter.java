package org.speechforum.query.export;

import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;

/** Writes exported documents one at a time to the answer; nothing is kept after {@link #write} returns. */
interface DocumentWriter {

    void write(ObjectNode document) throws IOException;

    /** Pushes out what is buffered (after each page, so a slow export still shows progress). */
    void flush() throws IOException;
}
