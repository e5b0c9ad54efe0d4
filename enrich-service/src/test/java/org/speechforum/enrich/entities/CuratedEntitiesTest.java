package org.speechforum.enrich.entities;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Review checks for entities/curated.yml: one entry per id, one entity per alias, well-formed ids. */
class CuratedEntitiesTest {

    private final Gazetteer gazetteer = Gazetteer.loadDefault();

    @Test
    void curatedIdsAreUniqueAndWellFormed() {
        List<String> ids = gazetteer.file().entities().stream().map(CuratedEntity::id).toList();
        assertThat(ids).doesNotHaveDuplicates();
        Set<String> countryIds = new HashSet<>();
        gazetteer.file().countries().values().stream().map(Gazetteer.Country::id).filter(id -> id != null)
                .forEach(id -> assertThat(countryIds.add(id)).as("duplicate country id " + id).isTrue());
        assertThat(countryIds).doesNotContainAnyElementsOf(ids);
        for (String id : ids) {
            assertThat(id).matches("Q[1-9][0-9]*|sf:(person|organization|location|event|group):[a-z0-9-]+");
        }
        for (CuratedEntity e : gazetteer.file().entities()) {
            assertThat(e.type()).as(e.id()).isIn(EntityType.PERSON, EntityType.ORGANIZATION, EntityType.LOCATION,
                    EntityType.EVENT, EntityType.GROUP);
            assertThat(e.name()).as(e.id()).isNotBlank();
            assertThat(e.caseSensitive()).as(e.id() + " caseSensitive lists only its own forms")
                    .allMatch(f -> f.equals(e.name()) || e.aliases().contains(f));
        }
        for (String iso : gazetteer.file().countries().keySet()) {
            assertThat(Locale.getISOCountries()).as("ISO code " + iso).contains(iso);
        }
    }

    @Test
    void noAliasLinksToTwoEntities() {
        Map<String, Set<String>> idsByAlias = new HashMap<>();
        for (Gazetteer.Alias alias : gazetteer.aliases()) {
            idsByAlias.computeIfAbsent(alias.text().toLowerCase(Locale.ROOT), k -> new HashSet<>())
                    .add(alias.entity().id());
        }
        List<String> clashes = new ArrayList<>();
        idsByAlias.forEach((alias, ids) -> {
            if (ids.size() > 1) {
                clashes.add(alias + " -> " + ids);
            }
        });
        assertThat(clashes).isEmpty();
    }

    @Test
    void countriesComeFromTheJdkWithCuratedQids() {
        assertThat(gazetteer.byId("Q159").name()).isEqualTo("Russia");
        assertThat(gazetteer.byId("Q159").aliases()).contains("Russian Federation");
        assertThat(gazetteer.byId("iso3166:BB").name()).isEqualTo("Barbados");
        assertThat(gazetteer.entities().values().stream().filter(e -> e.id().startsWith("iso3166:")).count())
                .isGreaterThan(150);
    }
}
