package org.speechforum.enrich.pipeline;

import org.speechforum.enrich.entities.EntityType;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * The enrichment settings under {@code enrich} (the thread and link settings have their own classes).
 *
 * @param deriveMissingIds {@code enrich.derive-missing-ids}: give a raw document that arrives without an id (a
 *                         producer that bypassed ingest-service) the id ingest-service would have given it, instead
 *                         of dead-lettering it. Default false.
 * @param entities         {@code enrich.entities}: the entity tagger
 */
@ConfigurationProperties("enrich")
public record EnrichmentProperties(@DefaultValue("false") boolean deriveMissingIds,
                                   @DefaultValue Entities entities) {

    /** @param statistical {@code enrich.entities.statistical}: the NLP4J layer */
    public record Entities(@DefaultValue Statistical statistical) {
    }

    /**
     * @param enabled {@code enrich.entities.statistical.enabled} (env {@code ENRICH_STATISTICAL_NER}): load the NLP4J
     *                model at start-up. Default true (about 30 s and 1.5 GB of heap more); false is the light
     *                configuration, lists and rules only.
     * @param types   {@code enrich.entities.statistical.types}: the types the model may propose. Default the name
     *                types PERSON, ORGANIZATION, LOCATION, GROUP, EVENT; must not be empty while the layer is on.
     */
    public record Statistical(@DefaultValue("true") boolean enabled,
                              @DefaultValue({"PERSON", "ORGANIZATION", "LOCATION", "GROUP", "EVENT"})
                              List<EntityType> types) {

        public Statistical {
            types = types == null ? List.of() : List.copyOf(types);
            if (enabled && types.isEmpty()) {
                throw new IllegalArgumentException("enrich.entities.statistical.types is empty while "
                        + "enrich.entities.statistical.enabled is true: list the types the model may propose "
                        + "(for example PERSON,ORGANIZATION,LOCATION), or set enabled to false.");
            }
        }
    }
}
