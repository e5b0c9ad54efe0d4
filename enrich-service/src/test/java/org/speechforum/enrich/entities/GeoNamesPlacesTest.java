package org.speechforum.enrich.entities;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The GeoNames city gazetteer in the light configuration (no model, so only the list can find these). */
class GeoNamesPlacesTest {

    private static EntityPipeline pipeline;

    @BeforeAll
    static void load() {
        pipeline = EntityPipeline.createRulesOnly();
    }

    private static List<String> tagged(String text, boolean forum) {
        return pipeline.tag(text, forum, ThreadContext.NONE).stream()
                .map(e -> e.type() + " " + e.id() + " " + e.name()).toList();
    }

    @Test
    void citiesAboveTheThresholdLinkToTheirGeoNamesIds() {
        // Kremlin transcript, CC BY 4.0 (http://en.special.kremlin.ru/events/president/news/67205) and the
        // Kenya gold text's cities.
        assertThat(tagged("November 26, 2021, Sochi. The talks in Mombasa and Vientiane went on.", false))
                .contains("LOCATION geonames:491422 Sochi", "LOCATION geonames:186301 Mombasa",
                        "LOCATION geonames:1651944 Vientiane");
    }

    @Test
    void aCuratedOrCountryNameKeepsItsIdAndEveryFormMatchesOnlyInExactCase() {
        assertThat(tagged("Moscow and Sochi", false)).contains("LOCATION Q649 Moscow", "LOCATION geonames:491422 Sochi");
        assertThat(tagged("sochi was warm and kazan was cold", true)).isEmpty();
    }

    @Test
    void ambiguousWordsAndPeoplesNamesAreNotPlaces() {
        // English words (dropped by the word-list rule) and names in stoplist.txt, all cities above 100,000.
        assertThat(tagged("Nice weather. Split the bill. Reading is fun. Mobile phones. Batman returns. "
                + "Lincoln said so. Victoria agreed.", false)).noneMatch(s -> s.startsWith("LOCATION geonames:"));
    }

    @Test
    void theResourceHoldsThousandsOfPlacesWithNumericIds() {
        Gazetteer gazetteer = pipeline.gazetteer();
        long places = gazetteer.entities().keySet().stream().filter(id -> id.startsWith("geonames:")).count();
        assertThat(places).isGreaterThan(4000);
        assertThat(gazetteer.entities().keySet()).filteredOn(id -> id.startsWith("geonames:"))
                .allMatch(id -> id.substring(9).chars().allMatch(Character::isDigit));
    }
}
