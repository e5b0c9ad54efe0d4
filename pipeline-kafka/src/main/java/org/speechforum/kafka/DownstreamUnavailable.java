package org.speechforum.kafka;

/**
 * The system a listener writes to (Kafka, Elasticsearch) is down. The records are fine, so they are never
 * dead-lettered: the listener retries with backoff for as long as it takes, and the work resumes by itself.
 */
public class DownstreamUnavailable extends RuntimeException {

    public DownstreamUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
