package org.speechforum.contracts;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published JSON Schema cannot drift from {@link Document}: every record component (of the document and of
 * the records it holds: author, entities, mentions, thread, links, annotations) is a property of the schema with
 * the matching JSON type, enum values and date-time format, and the schema has no property the record lacks.
 */
class DocumentSchemaDriftTest {

    private static JsonNode schema() throws IOException {
        try (InputStream in = Document.class.getResourceAsStream("/schemas/document.v1.schema.json")) {
            return DocumentJson.mapper().readTree(in);
        }
    }

    @Test
    void theSchemaDescribesExactlyTheFieldsOfDocumentWithTheirTypes() throws IOException {
        JsonNode root = schema();
        List<String> problems = new ArrayList<>();

        compare(Document.class, root, root, "", problems);

        assertThat(problems).as("schema vs Document").isEmpty();
    }

    @Test
    void theSchemaRequiresWhatIngestRequires() throws IOException {
        Set<String> required = new TreeSet<>();
        schema().get("required").forEach(r -> required.add(r.asString()));
        assertThat(required).containsExactly("kind", "source", "text");
    }

    private static void compare(Class<?> record, JsonNode node, JsonNode root, String path, List<String> problems) {
        JsonNode object = resolve(node, root);
        JsonNode properties = object.path("properties");
        Set<String> inRecord = new TreeSet<>(Arrays.stream(record.getRecordComponents())
                .map(RecordComponent::getName).toList());
        Set<String> inSchema = new TreeSet<>(properties.propertyNames());
        for (String name : inRecord) {
            if (!inSchema.contains(name)) {
                problems.add(path + "/" + name + ": in " + record.getSimpleName() + " but not in the schema");
            }
        }
        for (String name : inSchema) {
            if (!inRecord.contains(name)) {
                problems.add(path + "/" + name + ": in the schema but not in " + record.getSimpleName());
            }
        }
        for (RecordComponent component : record.getRecordComponents()) {
            JsonNode property = properties.get(component.getName());
            if (property != null) {
                compareType(component.getGenericType(), property, root, path + "/" + component.getName(), problems);
            }
        }
    }

    private static void compareType(Type type, JsonNode node, JsonNode root, String path, List<String> problems) {
        JsonNode property = resolve(node, root);
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            expect(property, "array", path, problems);
            compareType(list.getActualTypeArguments()[0], property.path("items"), root, path + "[]", problems);
            return;
        }
        Class<?> raw = (Class<?>) type;
        if (raw == String.class) {
            expect(property, "string", path, problems);
        } else if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            expect(property, "integer", path, problems);
        } else if (raw == Double.class || raw == double.class) {
            expect(property, "number", path, problems);
        } else if (raw == Boolean.class || raw == boolean.class) {
            expect(property, "boolean", path, problems);
        } else if (raw == Instant.class) {
            expect(property, "string", path, problems);
            if (!"date-time".equals(property.path("format").asString(""))) {
                problems.add(path + ": an Instant, but the schema's format is not date-time");
            }
        } else if (raw.isEnum()) {
            Set<String> constants = new TreeSet<>(Arrays.stream(raw.getEnumConstants()).map(Object::toString).toList());
            Set<String> listed = new TreeSet<>();
            property.path("enum").forEach(v -> listed.add(v.asString()));
            if (!constants.equals(listed)) {
                problems.add(path + ": enum " + listed + " in the schema, " + constants + " in " + raw.getSimpleName());
            }
        } else if (raw.isRecord()) {
            expect(property, "object", path, problems);
            compare(raw, property, root, path, problems);
        } else {
            problems.add(path + ": no rule for Java type " + raw.getName() + " (extend this test)");
        }
    }

    private static void expect(JsonNode property, String jsonType, String path, List<String> problems) {
        String given = property.path("type").asString("");
        if (!given.equals(jsonType)) {
            problems.add(path + ": type '" + given + "' in the schema, '" + jsonType + "' in the record");
        }
    }

    private static JsonNode resolve(JsonNode node, JsonNode root) {
        String ref = node.path("$ref").asString("");
        if (ref.startsWith("#/$defs/")) {
            return root.path("$defs").path(ref.substring("#/$defs/".length()));
        }
        return node;
    }
}
