package org.speechforum.enrich.architecture;

import org.junit.jupiter.api.Test;
import org.speechforum.localstack.PackageGraph;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * enrich-service's packages have no arrow running back up: no cycle between them, and none reaches into the root
 * package (the application class). Read from the main sources, import lines and fully qualified names alike.
 */
class PackageGraphTest {

    @Test
    void noArrowRunsBackUp() {
        PackageGraph graph = PackageGraph.of(Path.of("src/main/java"), "org.speechforum.enrich");
        System.out.println("enrich-service package arrows: " + graph.arrows());
        assertThat(graph.backArrows()).as("arrows running back up, with the files that draw them").isEmpty();
    }
}
