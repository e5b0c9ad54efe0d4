package org.speechforum.enrich.pipeline;

import org.junit.jupiter.api.Test;
import org.speechforum.enrich.entities.EntityPipeline;
import org.speechforum.enrich.entities.EntityType;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EnrichmentConfigTest {

    @Test
    void theLightConfigurationLoadsNoModel() {
        // enrich.entities.statistical.enabled=false is what the fault suite's 384 MB enrich-service runs: loading
        // the 1.5 GB model there is an OutOfMemoryError at start-up.
        EntityPipeline light = EnrichmentConfig.pipelineFor(false, List.of(EntityType.PERSON));

        assertThat(light.statistical()).isEmpty();
        assertThat(light.gazetteer().entities()).isNotEmpty();
    }
}
