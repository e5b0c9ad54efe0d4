package org.speechforum.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@link PackageGraph} calls an arrow back up, on small source trees written here. */
class PackageGraphTest {

    @TempDir
    Path sources;

    private void write(String path, String text) throws IOException {
        Path file = sources.resolve("org/example/app").resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void layersPassACycleAndAnArrowIntoTheRootFail() throws IOException {
        write("App.java", "package org.example.app;\nimport org.example.app.web.Controller;\nclass App {}\n");
        write("web/Controller.java", "package org.example.app.web;\nimport org.example.app.store.Store;\nclass Controller {}\n");
        write("store/Store.java", "package org.example.app.store;\nclass Store {}\n");
        assertThat(PackageGraph.of(sources, "org.example.app").backArrows()).isEmpty();

        // A fully qualified name counts as much as an import.
        write("store/Store.java", "package org.example.app.store;\nclass Store { org.example.app.web.Controller c; }\n");
        assertThat(PackageGraph.of(sources, "org.example.app").backArrows())
                .anyMatch(a -> a.startsWith("org.example.app.store -> org.example.app.web (a cycle)"))
                .anyMatch(a -> a.startsWith("org.example.app.web -> org.example.app.store (a cycle)"));

        write("store/Store.java", "package org.example.app.store;\nimport org.example.app.App;\nclass Store {}\n");
        assertThat(PackageGraph.of(sources, "org.example.app").backArrows())
                .containsExactly("org.example.app.store -> org.example.app [store/Store.java]");
    }
}
