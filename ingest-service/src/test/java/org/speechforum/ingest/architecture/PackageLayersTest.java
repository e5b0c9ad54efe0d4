package org.speechforum.ingest.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ingest-service's packages form layers and no import runs back up: the adapters (HTTP controllers and filters
 * in {@code web}) call the one use case in {@code submission}, which calls the format parsers, which share only
 * {@code format}. Read from the main sources' import lines, so a back arrow fails the build.
 */
class PackageLayersTest {

    private static final String ROOT = "org.speechforum.ingest";
    /** Each top-level package and its layer; a package may import only packages of a lower layer (or its own). */
    private static final Map<String, Integer> LAYERS = Map.of(
            "", 5,
            "web", 4,
            "submission", 3,
            "activitypub", 2,
            "uploads", 2,
            "canonical", 1,
            "format", 0);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?" + Pattern.quote(ROOT)
            + "\\.([a-z]+)\\.", Pattern.MULTILINE);

    @Test
    void noImportRunsBackUpOrAcrossALayer() throws IOException {
        Path sources = Path.of("src/main/java", ROOT.split("\\."));
        List<String> backArrows = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = sources.relativize(file);
                String from = relative.getNameCount() == 1 ? "" : relative.getName(0).toString();
                assertThat(LAYERS).as("layer of package %s (add it to LAYERS)", from).containsKey(from);
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    String to = m.group(1);
                    assertThat(LAYERS).as("layer of package %s imported by %s", to, relative).containsKey(to);
                    if (!to.equals(from) && LAYERS.get(to) >= LAYERS.get(from)) {
                        backArrows.add(relative + " -> " + to);
                    }
                }
            }
        }
        assertThat(backArrows).as("imports running back up or across a layer").isEmpty();
    }
}
