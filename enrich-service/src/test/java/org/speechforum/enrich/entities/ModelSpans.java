package org.speechforum.enrich.entities;

import java.util.ArrayList;
import java.util.List;

/**
 * Tags a real sentence with the rules of the default configuration and, in place of the statistical model, the spans
 * the model proposed on it: the repair tests (DevSetRepairsTest, SecondSetRepairsTest, ThirdSetRepairsTest) check what
 * the rules make of the model's span without loading the model.
 */
final class ModelSpans {

    private static final EntityPipeline RULES = EntityPipeline.createRulesOnly();

    private ModelSpans() {
    }

    /** The default configuration's rules, without the model. */
    static EntityPipeline rules() {
        return RULES;
    }

    /**
     * "TYPE surface" each, at the surface's first occurrence (or its n-th: "TYPE surface#n"); answers the tagged
     * entities as "TYPE name".
     */
    static List<String> tag(String text, String... spans) {
        Recogniser model = at -> {
            List<Candidate> out = new ArrayList<>();
            for (String span : spans) {
                int sp = span.indexOf(' ');
                EntityType type = EntityType.valueOf(span.substring(0, sp));
                String surface = span.substring(sp + 1);
                int nth = 1;
                int hash = surface.lastIndexOf('#');
                if (hash > 0) {
                    nth = Integer.parseInt(surface.substring(hash + 1));
                    surface = surface.substring(0, hash);
                }
                int start = -1;
                for (int i = 0; i < nth; i++) {
                    start = text.indexOf(surface, start + 1);
                }
                out.add(new Candidate(start, start + surface.length(), type, null, null,
                        Candidate.Source.STATISTICAL));
            }
            return out;
        };
        return new EntityPipeline(RULES.segmenter(), RULES.gazetteer(), List.of(model))
                .tag(text, false, ThreadContext.NONE).stream().map(e -> e.type() + " " + e.name()).toList();
    }
}
