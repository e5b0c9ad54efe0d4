package org.speechforum.enrich.entities;

import java.util.List;

/**
 * One layer of the tagging pipeline: proposes candidate spans for an analysed text. The gazetteer, the rules and
 * (as a follow-up) a statistical model all implement this; {@link EntityPipeline} merges what they propose.
 */
public interface Recogniser {
    List<Candidate> recognise(AnalysedText text);
}
