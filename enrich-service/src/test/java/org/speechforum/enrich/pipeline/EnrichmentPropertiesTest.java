package org.speechforum.enrich.pipeline;

import org.junit.jupiter.api.Test;
import org.speechforum.enrich.entities.EntityType;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnrichmentPropertiesTest {

    private static EnrichmentProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("enrich", EnrichmentProperties.class);
    }

    @Test
    void withNothingSetUsersGetTheModelOnTheNameTypes() {
        EnrichmentProperties p = bind(Map.of());

        assertThat(p.deriveMissingIds()).isFalse();
        assertThat(p.entities().statistical().enabled()).isTrue();
        assertThat(p.entities().statistical().types()).containsExactly(EntityType.PERSON, EntityType.ORGANIZATION,
                EntityType.LOCATION, EntityType.GROUP, EntityType.EVENT);
    }

    @Test
    void theLightConfigurationAndIdDerivationBindFromTheirKeys() {
        EnrichmentProperties p = bind(Map.of("enrich.entities.statistical.enabled", "false",
                "enrich.entities.statistical.types", "PERSON,LOCATION", "enrich.derive-missing-ids", "true"));

        assertThat(p.deriveMissingIds()).isTrue();
        assertThat(p.entities().statistical().enabled()).isFalse();
        assertThat(p.entities().statistical().types()).containsExactly(EntityType.PERSON, EntityType.LOCATION);
    }

    @Test
    void anUnknownTypeIsRefusedAtStartUp() {
        assertThatThrownBy(() -> bind(Map.of("enrich.entities.statistical.types", "PERSON,PLANET")))
                .isInstanceOf(BindException.class);
    }

    @Test
    void theModelWithNoTypesToProposeIsRefusedWithWhatToDo() {
        assertThatThrownBy(() -> new EnrichmentProperties.Statistical(true, java.util.List.of()))
                .hasMessageContaining("enrich.entities.statistical.types is empty");
    }
}
