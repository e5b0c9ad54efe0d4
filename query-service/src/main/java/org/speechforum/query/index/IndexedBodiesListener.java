package org.speechforum.query.index;

import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Told, by the live indexer, which document bodies a batch has just written, exactly as stored (root-level
 * fields and thread state included). Called in the indexer's thread after the bulk succeeded and before the
 * batch's offsets are committed, so a failure here (throw {@link org.speechforum.kafka.DownstreamUnavailable})
 * makes the batch come again; a listener must therefore take the same bodies twice calmly. The reindex does
 * not call it: replaying the log is not news.
 */
public interface IndexedBodiesListener {

    void indexed(List<ObjectNode> bodies);
}
