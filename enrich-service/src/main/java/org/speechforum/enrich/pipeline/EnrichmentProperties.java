package org.speechforum.enrich.pipeline;

import org.speechforum.enrich.entities.EntityType;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.util.List;

/**
 * The enrichment settings under {@code enrich} (the thread and link settings have their own classes).
 *
 * @param deriveMissingIds give a raw document that arrives without an id (a producer that bypassed ingest-service)
 *                         the id ingest-service would have given it, instead of dead-lettering it, e.g. before
 *                         replaying such records from {@code documents.raw.v1.dlq}. Default false
 * @param entities         the entity tagger
 */
@Validated
@ConfigurationProperties("enrich")
public record EnrichmentProperties(@DefaultValue("false") boolean deriveMissingIds,
                                   @DefaultValue Entities entities) {

    /** @param statistical the statistical NER layer (NLP4J), which finds the names no list holds */
    public record Entities(@DefaultValue Statistical statistical) {
    }

    /**
     * @param enabled load the NLP4J model at start-up (env {@code ENRICH_STATISTICAL_NER}). Default true (about 30 s
     *                and 1.5 GB of heap more; run with -Xmx2g); false is the light configuration, lists and rules only
     * @param types   the types the model may propose; must not be empty while the layer is on. Default the name
     *                types PERSON, ORGANIZATION, LOCATION, GROUP, EVENT
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
