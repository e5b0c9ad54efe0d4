package org.speechforum.e2e;

import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/configuration.md cannot drift from the code: for each service it must list every property the service has
 * (the configuration metadata the Spring Boot processor writes from the {@code @ConfigurationProperties} records of
 * the service, pipeline-kafka and pipeline-web, plus every setting its yml files tie to an environment variable),
 * with the default the service really starts with (its own yml, else the shared pipeline-kafka.yml, else the
 * record's {@code @DefaultValue}) and the environment variable the yml names; and nothing that no longer exists.
 */
class ConfigurationReferenceTest {

    private static final List<String> SERVICES = List.of("ingest-service", "enrich-service", "query-service");
    private static final Pattern PLACEHOLDER = Pattern.compile("^\\$\\{([^:}]+)(?::(.*))?}$");
    private static final Pattern ENV_PLACEHOLDER = Pattern.compile("\\$\\{[A-Z][A-Z0-9_]*[:}]");
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|([^|]*)\\|([^|]*)\\|");

    record Documented(String defaultValue, String environment) {
    }

    record Expected(String defaultValue, String environment) {
    }

    @Test
    void everyPropertyOfEveryServiceIsDocumentedWithItsDefault() throws IOException {
        Map<String, Map<String, Documented>> documented = documented(
                Path.of(System.getProperty("project.root"), "docs", "configuration.md"));
        Map<String, Map<String, Expected>> expected = expected();
        List<String> problems = new ArrayList<>();
        for (String service : SERVICES) {
            Map<String, Documented> doc = documented.getOrDefault(service, Map.of());
            expected.get(service).forEach((name, want) -> {
                Documented got = doc.get(name);
                if (got == null) {
                    problems.add(service + ": " + name + " is missing (default " + show(want.defaultValue()) + ")");
                    return;
                }
                if (!normalise(want.defaultValue()).equals(normalise(got.defaultValue()))) {
                    problems.add(service + ": " + name + " default is " + show(want.defaultValue())
                            + ", the doc says " + show(got.defaultValue()));
                }
                if (want.environment() != null && !want.environment().equals(got.environment())) {
                    problems.add(service + ": " + name + " is read from " + want.environment()
                            + ", the doc says " + show(got.environment()));
                }
            });
            doc.keySet().stream().filter(name -> !expected.get(service).containsKey(name))
                    .forEach(name -> problems.add(service + ": " + name + " is documented but no such setting exists"));
        }
        assertThat(problems).as("docs/configuration.md against the configuration metadata and the yml files")
                .isEmpty();
    }

    /** Per service (a "## <service>" heading), the rows "| `name` | `default` or — | `ENV` or blank | meaning |". */
    static Map<String, Map<String, Documented>> documented(Path file) throws IOException {
        Map<String, Map<String, Documented>> bySection = new LinkedHashMap<>();
        Map<String, Documented> section = null;
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("## ")) {
                String heading = line.substring(3).strip();
                section = SERVICES.contains(heading) ? bySection.computeIfAbsent(heading, h -> new TreeMap<>()) : null;
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (section != null && row.find()) {
                section.put(row.group(1), new Documented(cell(row.group(2)), cell(row.group(3))));
            }
        }
        return bySection;
    }

    static Map<String, Map<String, Expected>> expected() throws IOException {
        Map<String, JsonNode> metadata = metadata();
        Map<String, Object> shared = yml("pipeline-kafka.yml");
        Map<String, Map<String, Expected>> byService = new LinkedHashMap<>();
        for (String service : SERVICES) {
            Map<String, Object> own = yml(service + ".yml");
            Map<String, Expected> properties = new TreeMap<>();
            metadata.forEach((name, property) -> {
                if (belongsTo(property.path("sourceType").asString(), service)) {
                    JsonNode value = property.get("defaultValue");
                    properties.put(name, new Expected(value == null ? null : value.asString(), null));
                }
            });
            for (Map<String, Object> file : List.of(shared, own)) {
                file.forEach((name, value) -> {
                    String text = String.valueOf(value);
                    if (ENV_PLACEHOLDER.matcher(text).find() || properties.containsKey(name)) {
                        properties.put(name, resolve(text));
                    }
                });
            }
            byService.put(service, properties);
        }
        return byService;
    }

    /** Our own records' properties (sourceType in org.speechforum), from every module's metadata on the classpath. */
    static Map<String, JsonNode> metadata() throws IOException {
        Map<String, JsonNode> properties = new TreeMap<>();
        JsonMapper json = JsonMapper.builder().build();
        for (URL url : Collections.list(ConfigurationReferenceTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                for (JsonNode property : json.readTree(in).path("properties")) {
                    if (property.path("sourceType").asString().startsWith("org.speechforum.")) {
                        properties.put(property.path("name").asString(), property);
                    }
                }
            }
        }
        assertThat(properties).as("configuration metadata of the pipeline's modules").isNotEmpty();
        return properties;
    }

    /** The shared modules' settings (pipeline-kafka, pipeline-web) belong to every service; the rest to one. */
    static boolean belongsTo(String sourceType, String service) {
        if (sourceType.startsWith("org.speechforum.kafka.") || sourceType.startsWith("org.speechforum.web.")) {
            return true;
        }
        return sourceType.startsWith("org.speechforum." + service.substring(0, service.indexOf('-')) + ".");
    }

    /** The first document of a yml on the classpath, flattened (lists joined with commas); profile documents aside. */
    static Map<String, Object> yml(String name) throws IOException {
        List<PropertySource<?>> documents = new YamlPropertySourceLoader().load(name, new ClassPathResource(name));
        Map<String, Object> flat = new LinkedHashMap<>();
        EnumerablePropertySource<?> first = (EnumerablePropertySource<?>) documents.getFirst();
        for (String key : first.getPropertyNames()) {
            String plain = key.replaceAll("\\[\\d+]$", "");
            Object value = first.getProperty(key);
            flat.merge(plain, String.valueOf(value), (a, b) -> a + "," + b);
        }
        return flat;
    }

    /** {@code ${ENV:default}} is the default and reads ENV; {@code ${other.property:default}} the default alone. */
    static Expected resolve(String value) {
        Matcher placeholder = PLACEHOLDER.matcher(value);
        if (!placeholder.matches()) {
            return new Expected(value, null);
        }
        String source = placeholder.group(1);
        String environment = source.equals(source.toUpperCase()) ? source : null;
        return new Expected(placeholder.group(2), environment);
    }

    /** Blank, "—" and "none" are no default; backticks, list brackets and spaces after commas are notation. */
    static String normalise(String value) {
        if (value == null) {
            return "";
        }
        String v = value.strip();
        if (v.startsWith("[") && v.endsWith("]")) {
            v = v.substring(1, v.length() - 1);
        }
        v = v.replaceAll(",\\s+", ",");
        return v.equals("—") ? "" : v;
    }

    private static String cell(String text) {
        String v = text.strip().replace("`", "");
        return v.isEmpty() || v.equals("—") ? null : v;
    }

    private static String show(String value) {
        return value == null || value.isEmpty() ? "(none)" : value;
    }
}
