package org.speechforum.enrich.entities;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Links an ambiguous alias by its context ({@code contextual:} in curated.yml). "Security Council" in a Kremlin
 * meeting, where Putin speaks and Russia, the State Duma and the Federation Council are named, is the Security Council
 * of Russia; in a text that names the United Nations it is the UN's. A reading wins when more of its cue ids occur
 * in the document (or upstream in its thread, or among its speakers) than the default's; a tie keeps the default.
 */
final class ContextLinker {

    private final Map<String, Gazetteer.Contextual> byAlias = new HashMap<>();
    private final Gazetteer gazetteer;

    ContextLinker(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
        for (Gazetteer.Contextual c : gazetteer.file().contextual()) {
            byAlias.put(c.alias().toLowerCase(Locale.ROOT), c);
        }
    }

    /** @param contextIds entity ids known from outside the text: the thread's people, the speakers */
    List<Candidate> apply(String text, List<Candidate> kept, Set<String> contextIds) {
        if (byAlias.isEmpty()) {
            return kept;
        }
        Set<String> present = null;
        List<Candidate> out = null;
        for (int i = 0; i < kept.size(); i++) {
            Candidate c = kept.get(i);
            Gazetteer.Contextual ambiguous = byAlias.get(text.substring(c.start(), c.end()).toLowerCase(Locale.ROOT));
            if (ambiguous == null) {
                continue;
            }
            if (present == null) {
                present = new HashSet<>(contextIds);
                for (Candidate k : kept) {
                    if (k.id() != null) {
                        present.add(k.id());
                    }
                }
                out = new ArrayList<>(kept);
            }
            Gazetteer.Reading best = ambiguous.fallback();
            long bestScore = score(best, present);
            for (Gazetteer.Reading r : ambiguous.readings()) {
                long s = score(r, present);
                if (s > bestScore) {
                    best = r;
                    bestScore = s;
                }
            }
            CuratedEntity e = gazetteer.byId(best.id());
            if (e != null && !e.id().equals(c.id())) {
                out.set(i, new Candidate(c.start(), c.end(), e.type(), e.id(), e.name(), c.source()));
            }
        }
        return out == null ? kept : out;
    }

    private static long score(Gazetteer.Reading reading, Set<String> present) {
        return reading.cues().stream().filter(present::contains).count();
    }
}
