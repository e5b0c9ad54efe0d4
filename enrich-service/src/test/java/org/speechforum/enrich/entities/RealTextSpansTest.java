package org.speechforum.enrich.entities;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.speechforum.contracts.Entity;
import org.speechforum.contracts.Mention;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Span defects that real text exposed in the configuration users run (rules + NLP4J model, loaded once per test
 * JVM). Sources: Kremlin transcripts, content licensed CC BY 4.0 by kremlin.ru ("Meeting with permanent members of
 * the Security Council": http://en.special.kremlin.ru/catalog/keywords/82/events/68308,
 * http://en.special.kremlin.ru/events/president/news/67205, http://en.special.kremlin.ru/events/security-council/65146);
 * a Reuters photo credit quoted by Al Arabiya (a short credit line, quoted for the test:
 * https://english.alarabiya.net/News/world/2023/09/19/Putin-and-Xi-to-meet-in-Beijing-in-October-Reports).
 */
class RealTextSpansTest {

    private static EntityPipeline pipeline;

    @BeforeAll
    static void load() {
        pipeline = EntityPipeline.createDefault();
    }

    private static List<Entity> tag(String text, boolean forum) {
        return pipeline.tag(text, forum, ThreadContext.NONE);
    }

    private static List<String> surfaces(List<Entity> entities) {
        return entities.stream().flatMap(e -> e.mentions().stream()).map(Mention::text).toList();
    }

    @Test
    void aSentencesFinalFullStopIsNotPartOfTheName() {
        List<Entity> entities = tag("Let us get down to work. Our speaker today is Mr Lavrov.\n\n"
                + "You have the floor, Mr Lavrov.", false);
        assertThat(surfaces(entities)).containsOnly("Lavrov");
    }

    @Test
    void namesJoinedBySlashesAreTaggedApart() {
        List<Entity> entities = tag("Russian President Vladimir Putin shakes hands with Chinese President Xi Jinping"
                + " during a signing ceremony. Sputnik/Mikhail Tereshchenko/Pool via REUTERS", false);
        assertThat(surfaces(entities)).noneMatch(s -> s.contains("/"));
        assertThat(entities).extracting(e -> e.type() + " " + e.name()).contains("PERSON Mikhail Tereshchenko");
    }

    @Test
    void theModelsFullNameBeatsTheRulesShorterInnerSpan() {
        // The head-noun rule takes "Foreign" for a title and proposes "Intelligence Service".
        List<Entity> entities = tag("Taking part in the meeting were Director of the Federal Security Service"
                + " Alexander Bortnikov, Director of the Foreign Intelligence Service Sergei Naryshkin.", false);
        assertThat(surfaces(entities)).contains("Foreign Intelligence Service", "Federal Security Service")
                .doesNotContain("Intelligence Service");
    }

    @Test
    void titleWordsBeforeMinisterAreNotOrganisations() {
        List<Entity> entities = tag("Attending the meeting were Interior Minister Vladimir Kolokoltsev, Foreign"
                + " Minister Sergei Lavrov, Defence Minister Sergei Shoigu.", false);
        assertThat(entities).filteredOn(e -> e.type().equals("ORGANIZATION")).isEmpty();
        assertThat(entities).extracting(Entity::name)
                .contains("Vladimir Kolokoltsev", "Sergei Lavrov", "Sergei Shoigu");
    }

    @Test
    void pronounsAndChatAbbreviationsAreNotPeopleOrOrganisations() {
        // The 'he' and 'him' of a real comment (https://littlegreenfootballs.com/showc/347/12883142, quoted in
        // part) and common chat abbreviations at a sentence start, where they are capitalised.
        List<Entity> entities = tag("He’s gonna do it. Putin straight-up said that Ukraine doesn’t deserve to exist."
                + " Him again. Lmao. IMO he means it. OP is right.", true);
        assertThat(surfaces(entities)).doesNotContain("He", "Him", "Lmao", "IMO", "OP");
        assertThat(entities).extracting(Entity::name).contains("Vladimir Putin", "Ukraine");
    }
}
