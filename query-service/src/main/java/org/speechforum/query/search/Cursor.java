package org.speechforum.query.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * An opaque pagination cursor: the sort values of the last hit returned (the last one is the document id, which
 * makes them unique), so the next page continues exactly after it; documents indexed meanwhile appear on later
 * pages in their sort place. {@code pitId} is set only on cursors of the earlier design (a point in time).
 */
record Cursor(String pitId, List<FieldValue> after) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    String encode() {
        ObjectNode node = JSON.createObjectNode();
        if (pitId != null) {
            node.put("pit", pitId);
        }
        ArrayNode values = node.putArray("after");
        for (FieldValue value : after) {
            switch (value._kind()) {
                case Long -> values.add(value.longValue());
                case Double -> values.add(value.doubleValue());
                case Boolean -> values.add(value.booleanValue());
                case Null -> values.addNull();
                default -> values.add(value._toJsonString());
            }
        }
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String encoded) {
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(encoded));
            List<FieldValue> after = new ArrayList<>();
            for (JsonNode value : node.get("after")) {
                if (value.isIntegralNumber()) {
                    after.add(FieldValue.of(value.asLong()));
                } else if (value.isNumber()) {
                    after.add(FieldValue.of(value.asDouble()));
                } else if (value.isBoolean()) {
                    after.add(FieldValue.of(value.asBoolean()));
                } else if (value.isNull()) {
                    after.add(FieldValue.NULL);
                } else {
                    after.add(FieldValue.of(value.asString()));
                }
            }
            JsonNode pit = node.get("pit");
            return new Cursor(pit == null || pit.isNull() ? null : pit.asString(), after);
        } catch (IllegalArgumentException | JacksonException | NullPointerException e) {
            throw new BadRequest("cursor is not one this service returned", "cursor");
        }
    }
}
