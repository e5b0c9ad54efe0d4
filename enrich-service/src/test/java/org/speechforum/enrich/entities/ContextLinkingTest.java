package org.speechforum.enrich.entities;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.speechforum.contracts.Author;
import org.speechforum.contracts.Entity;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Security Council" by context. Kremlin texts: CC BY 4.0, http://en.special.kremlin.ru/events/president/news/67205
 * and http://en.special.kremlin.ru/catalog/keywords/82/events/68308.
 */
class ContextLinkingTest {

    private static EntityPipeline pipeline;

    @BeforeAll
    static void load() {
        pipeline = EntityPipeline.createRulesOnly();
    }

    private static List<String> councils(List<Entity> entities) {
        return entities.stream().filter(e -> e.name().contains("Security Council")).map(Entity::id).toList();
    }

    @Test
    void inAKremlinMeetingTheSecurityCouncilIsRussias() {
        List<Entity> entities = pipeline.tag("The President held a meeting, via videoconference, with permanent members"
                + " of the Security Council. Taking part in the meeting were Federation Council Speaker Valentina"
                + " Matviyenko, State Duma Speaker Vyacheslav Volodin.", false, ThreadContext.NONE);
        assertThat(councils(entities)).containsExactly("sf:organization:security-council-of-russia");
    }

    @Test
    void theSpeakerIsContextToo() {
        List<Entity> entities = pipeline.tag("Colleagues, from the point of view of national security, we are"
                        + " focusing on the events in Donbass. Today the Security Council will discuss Afghanistan.",
                false, ThreadContext.NONE, List.of(new Author("Vladimir Putin", null, null, "President of Russia",
                        null)), null);
        assertThat(councils(entities)).containsExactly("sf:organization:security-council-of-russia");
    }

    @Test
    void withTheUnitedNationsOrNoContextItIsTheUns() {
        assertThat(councils(pipeline.tag("The United Nations must act. The Security Council met on Monday.", false,
                ThreadContext.NONE))).containsExactly("sf:organization:un-security-council");
        assertThat(councils(pipeline.tag("The Security Council met on Monday.", false, ThreadContext.NONE)))
                .containsExactly("sf:organization:un-security-council");
    }
}
