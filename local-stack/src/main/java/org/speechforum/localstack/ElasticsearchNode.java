package org.speechforum.localstack;

import java.nio.file.Path;
import java.time.Duration;

/** TEMPORARY placeholder until the real launcher lands. */
public final class ElasticsearchNode implements AutoCloseable {
    public static ElasticsearchNode start(Path dist, Path home, int port, Duration timeout) {
        throw new UnsupportedOperationException("not yet");
    }
    public String httpUrl() { return null; }
    public void close() { }
}
