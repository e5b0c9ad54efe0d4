package org.speechforum.contracts;

import tools.jackson.databind.JsonNode;

/** Reading single fields of a JSON tree the way every module does. */
public final class JsonFields {

    private JsonFields() {
    }

    /** {@code field} of {@code node} as text; null when the node or the field is missing or JSON null. */
    public static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
