package org.speechforum.localstack;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceJarTest {

    @Test
    void theVersionIsTheBuildsOwnAndNamesTheExecJar() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        assertThat(pom).contains("<version>" + ServiceJar.VERSION + "</version>");
        ServiceJar jar = ServiceJar.of(Path.of("/repo"), "query-service");
        assertThat(jar.jar()).isEqualTo(Path.of("/repo/query-service/target/query-service-"
                + ServiceJar.VERSION + "-exec.jar"));
        assertThat(jar.isReadyLine("Started QueryServiceApplication in 4.2 seconds")).isTrue();
    }

    @Test
    void aJarNotBuiltIsRefusedWithHowToBuildIt() {
        assertThatThrownBy(() -> ServiceJar.of(Path.of("/nowhere"), "ingest-service").requireBuilt("run X"))
                .hasMessageContaining("ingest-service").hasMessageContaining("run X");
    }
}
