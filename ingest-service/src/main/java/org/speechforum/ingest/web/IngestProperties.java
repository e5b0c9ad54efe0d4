package org.speechforum.ingest.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** {@code ingest.max-body-size}: the largest request body (or Kafka submission) taken; larger gets 413. */
@ConfigurationProperties("ingest")
public record IngestProperties(DataSize maxBodySize) {

    public IngestProperties {
        maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(10) : maxBodySize;
    }
}
