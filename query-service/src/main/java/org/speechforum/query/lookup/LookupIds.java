package org.speechforum.query.lookup;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** The ids of a lookup, checked: present, within the limit, each once, in the order asked. */
final class LookupIds {

    private LookupIds() {
    }

    /** A lookup body that cannot be answered; the message says why, for a person. */
    static final class InvalidLookup extends RuntimeException {

        InvalidLookup(String message) {
            super(message);
        }
    }

    static List<String> check(List<String> ids, int max) {
        if (ids == null || ids.isEmpty()) {
            throw new InvalidLookup("send the document ids to look up as {\"ids\": [\"…\", …]}");
        }
        if (ids.size() > max) {
            throw new InvalidLookup(String.format(Locale.ROOT, "a lookup takes at most %,d ids; this one has %,d, so split it into "
                    + "requests of %,d or fewer", max, ids.size(), max));
        }
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (String id : ids) {
            if (id == null || id.isBlank()) {
                throw new InvalidLookup("ids must not contain empty values");
            }
            distinct.add(id.strip());
        }
        return new ArrayList<>(distinct);
    }
}
