package org.speechforum.ingest.uploads.thread;

import org.junit.jupiter.api.Test;
import org.speechforum.contracts.TimePrecision;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each recogniser on its front-end's markup, and the choice between them. */
class ThreadFormatsTest {

    private static String[] lines(String text) {
        return text.split("\n", -1);
    }

    private static List<String> authors(ThreadReading reading) {
        return reading.comments().stream().map(c -> c.header().who()).toList();
    }

    private static List<Integer> parents(ThreadReading reading) {
        return reading.comments().stream().map(RawComment::parent).toList();
    }

    @Test
    void lemmyUiReadsBadgesGluedToTheInstanceAndDisplayNamesWithoutOne() {
        ThreadReading r = new LemmyUi().read(lines("""
                  • alice@lemmy.mlOP
                    link
                    fedilink
                    arrow-up
                    5
                    arrow-down
                    2
                    ·
                    edit-2
                    3 days ago

                    Top.

                      • Bob Smith
                        link
                        fedilink
                        arrow-up
                        1
                        ·
                        2 days ago

                        Reply.
                  • carol@beehaw.orgA
                    link
                    fedilink
                    arrow-up
                    2
                    ·
                    just now

                    Second top.
                """));

        assertThat(r.format()).isEqualTo("lemmy-ui");
        assertThat(authors(r)).containsExactly("alice@lemmy.ml", "Bob Smith", "carol@beehaw.org");
        assertThat(parents(r)).containsExactly(-1, 0, -1);
        RawComment alice = r.comments().getFirst();
        assertThat(alice.header().op()).isTrue();
        assertThat(alice.header().upvotes()).isEqualTo(5);
        assertThat(alice.header().downvotes()).isEqualTo(2);
        assertThat(alice.header().edits()).isEqualTo(1);
        assertThat(alice.body()).isEqualTo("Top.");
        assertThat(r.comments().get(2).header().op()).isFalse();
    }

    @Test
    void hexbearPronounsAreNotPartOfTheNameAndNameTheFormat() {
        ThreadReading r = new LemmyUi().read(lines("""
                  • fennel@hexbear.net [any]
                    link
                    fedilink
                    English
                    arrow-up
                    9
                    ·
                    1 day ago

                    Body.
                      • glass@hexbear.net [he/him]OP
                        link
                        fedilink
                        arrow-up
                        1
                        ·
                        1 day ago

                        Reply.
                """));

        assertThat(r.format()).isEqualTo("hexbear");
        assertThat(authors(r)).containsExactly("fennel@hexbear.net", "glass@hexbear.net");
        assertThat(r.comments().get(1).header().op()).isTrue();
        assertThat(r.comments().getFirst().body()).isEqualTo("Body.");
    }

    @Test
    void legacyLemmyUiSplitsScoresGluedToBadgesAndInstances() {
        ThreadReading r = new LemmyUiLegacy().read(lines("""
                harbour@lemmy.mlOP1 · 7 months ago
                Only written.
                  kettle@lemm.ee-2 · 1 year ago
                  Nobody watches.
                  Moss Collector 3 · 1 year ago
                  Analysts do.
                """));

        assertThat(authors(r)).containsExactly("harbour@lemmy.ml", "kettle@lemm.ee", "Moss Collector");
        assertThat(parents(r)).containsExactly(-1, 0, 0);
        assertThat(r.comments().get(0).header().op()).isTrue();
        assertThat(r.comments().get(0).header().upvotes()).isEqualTo(1);
        assertThat(r.comments().get(1).header().downvotes()).isEqualTo(2);
    }

    @Test
    void mlmymBuildsTheTreeFromItsDirectReplyCountsAndSkipsWhatThePageLeftOut() {
        // As mlmym's templates/comment.html prints it: the count only when not 0, direct replies, local users
        // without instance, "load more comments (N replies)" after the loaded replies.
        ThreadReading r = OldStyle.detecting().read(lines("""
                [–] a 10 points 1 month ago (2 children)
                A.
                permalink fedilink source hide child comments
                [–] b@lemmy.world -3 points 1 month ago* (last edited 4 weeks ago) (2 children)
                B.
                permalink fedilink source hide child comments
                [–] c 1 points 1 month ago
                C.
                permalink fedilink source
                load more comments (1 replies)
                [–] d 2 points 1 month ago
                D.
                permalink fedilink source
                [–] e 2 points 1 month ago
                E.
                """));

        assertThat(r.format()).isEqualTo("mlmym");
        assertThat(authors(r)).containsExactly("a", "b@lemmy.world", "c", "d", "e");
        assertThat(parents(r)).containsExactly(-1, 0, 1, 0, -1);
        assertThat(r.comments().get(1).header().downvotes()).isEqualTo(3);
        assertThat(r.comments().get(1).header().edits()).isEqualTo(1);
        assertThat(r.comments().get(1).body()).isEqualTo("B.");
        assertThat(r.notes()).singleElement().asString().contains("1 reply is not on the page");
    }

    @Test
    void oldRedditCutsTheFlairGluedToTheNameAndSaysSo() {
        ThreadReading r = OldStyle.oldReddit().read(lines("""
                [–]baltic_observerLatvia 45 points 6 hours ago (1 child)
                A.
                permalinkembedsavereportgive awardreply
                [–]Kestrel_42United Kingdom 12 points 1 day ago* (0 children)
                B.
                permalinkembedsaveparentreportgive awardreply
                [–]MooseOnTheLoose -1 points 1 day ago (0 children)
                C.
                permalinkembedsavereportgive awardreply
                [–]poster[S] 3 points 1 day ago (0 children)
                D.
                """));

        assertThat(r.format()).isEqualTo("reddit-old");
        assertThat(authors(r)).containsExactly("baltic_observer", "Kestrel_42", "MooseOnTheLoose", "poster");
        assertThat(parents(r)).containsExactly(-1, 0, -1, -1);
        assertThat(r.comments().get(3).header().op()).isTrue();
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("flair 'Latvia'"));
    }

    @Test
    void newRedditNestsByLevelAndKeepsTheScoreOutOfTheBody() {
        ThreadReading r = new RedditRedesign().read(lines("""
                level 1
                taiga_fox
                · 2 days ago
                Top.
                56
                Reply
                Share
                level 2
                tern
                OP
                · 2 days ago · edited 2 days ago
                Under.
                18
                Reply
                level 1
                bear
                · 1 day ago
                Other.
                2
                Reply
                """));

        assertThat(authors(r)).containsExactly("taiga_fox", "tern", "bear");
        assertThat(parents(r)).containsExactly(-1, 0, -1);
        assertThat(r.comments().get(0).body()).isEqualTo("Top.");
        assertThat(r.comments().get(0).header().upvotes()).isEqualTo(56);
        assertThat(r.comments().get(1).header().op()).isTrue();
        assertThat(r.comments().get(1).header().edits()).isEqualTo(1);
    }

    @Test
    void hackerNewsNestsByIndentationAndSaysWhenThereIsNone() {
        ThreadReading indented = new HackerNews().read(lines("""
                pg 3 hours ago | next [–]

                Top.

                reply

                    dang 2 hours ago | parent | next [–]

                    Under.

                    reply
                """));
        ThreadReading flat = new HackerNews().read(lines("""
                pg 3 hours ago | next [–]
                Top.
                reply
                dang 2 hours ago | parent | next [–]
                Under.
                reply
                """));

        assertThat(authors(indented)).containsExactly("pg", "dang");
        assertThat(parents(indented)).containsExactly(-1, 0);
        assertThat(indented.comments().get(1).body()).isEqualTo("Under.");
        assertThat(parents(flat)).containsExactly(-1, 0);
        assertThat(flat.notes()).isEmpty();
    }

    @Test
    void aPlainHackerNewsCopyHasNoIndentationSoTheRootAndParentLinksGiveTheDepth() {
        ThreadReading r = new HackerNews().read(lines("""
                aa 3 hours ago | next [–]
                Top.
                bb 2 hours ago | parent | next [–]
                Depth one.
                cc 2 hours ago | root | parent | next [–]
                Depth two.
                dd 1 hour ago | root | parent | next [–]
                Depth three, or a second depth two.
                ee 1 hour ago | parent | prev [–]
                Depth one again.
                ff 1 hour ago | prev [–]
                Top again.
                """));

        assertThat(parents(r)).containsExactly(-1, 0, 1, 2, 0, -1);
        assertThat(r.notes()).singleElement().asString().contains("1 deep reply was attached to the comment above");
    }

    @Test
    void mastodonRepliesFollowTheContextChainAndTheLeadingMention() {
        ThreadReading r = new Mastodon().read(lines("""
                Ann
                @ann@mastodon.social
                Mar 3
                First.
                Ann
                @ann@mastodon.social
                Mar 3, 2025, 10:41
                Focused.
                Web
                1
                2
                3
                Bo
                @bo
                1h
                @ann yes.
                Cy
                @cy@social.coop
                1h
                @bo no.
                Di
                @di@social.coop
                45m
                Unrelated.
                """));

        assertThat(r.firstIsPost()).isTrue();
        assertThat(authors(r)).containsExactly("ann@mastodon.social", "ann@mastodon.social", "bo", "cy@social.coop",
                "di@social.coop");
        assertThat(parents(r)).containsExactly(-1, 0, 1, 2, 1);
        assertThat(r.comments().get(1).body()).isEqualTo("Focused.");
        assertThat(r.comments().getFirst().header().name()).isEqualTo("Ann");
    }

    @Test
    void discourseUsesTheReplyTabAndTheRepliesCounter() {
        ThreadReading r = new Discourse().read(lines("""
                Title
                Category

                ann
                Ann Lee
                Feb 10

                Topic.

                bo
                Feb 10

                Answer.

                2 Replies

                ann
                Ann Lee
                Feb 11

                Thanks.

                cy
                ↩ bo
                Feb 12

                Careful.

                di
                Feb 14

                New point.
                """));

        assertThat(authors(r)).containsExactly("ann", "bo", "ann", "cy", "di");
        assertThat(parents(r)).containsExactly(-1, 0, 1, 1, 0);
        assertThat(r.start()).isEqualTo(3);
        assertThat(r.comments().get(1).body()).isEqualTo("Answer.");
    }

    @Test
    void theGenericFallbackReadsAuthorLinesWithARelativeAgeAndIndentation() {
        ThreadReading r = new GenericThread().read(lines("""
                via poster 14 hours ago | 9 comments

                   wren 13 hours ago | link | reply
                   One.
                      kestrel 12 hours ago | link | reply
                      Two.
                   osprey
                   10 hours ago
                   Link
                   Three.
                """));

        assertThat(authors(r)).containsExactly("wren", "kestrel", "osprey");
        assertThat(parents(r)).containsExactly(-1, 0, -1);
        assertThat(r.comments().get(2).body()).isEqualTo("Three.");
    }

    @Test
    void theMostSpecificRecogniserWinsWhenSeveralReadTheSameComments() {
        ThreadReading r = ThreadFormats.best(lines("""
                pg 3 hours ago | next [–]
                Top.
                    dang 2 hours ago | parent | next [–]
                    Under.
                """)).orElseThrow();

        assertThat(r.format()).isEqualTo("hackernews");
        assertThat(ThreadFormats.best(lines("Just a sentence that ends 3 hours ago"))).isEmpty();
    }

    @Test
    void pageDatesReadRelativeAgesShortAgesAndCalendarDates() {
        var now = Instant.parse("2026-11-28T12:00:00Z");
        assertThat(PageDates.parse("3 hr. ago", now).instant()).isEqualTo(now.minusSeconds(3 * 3600));
        assertThat(PageDates.parse("2h", now).instant()).isEqualTo(now.minusSeconds(2 * 3600));
        assertThat(PageDates.parse("an hour ago", now).instant()).isEqualTo(now.minusSeconds(3600));
        assertThat(PageDates.parse("Dec 30", now).instant()).isEqualTo(Instant.parse("2025-12-30T00:00:00Z"));
        assertThat(PageDates.parse("Mar 3, 2025, 10:41", now).instant()).isEqualTo(Instant.parse("2025-03-03T10:41:00Z"));
        assertThat(PageDates.parse("Feb '23", now).precision()).isEqualTo(TimePrecision.MONTH);
        assertThat(PageDates.parse("yesterday's news", now)).isNull();
    }

    @Test
    void aDisplayNameWithTheInstanceGluedOnKeepsBoth() {
        Accounts.Account account = Accounts.read("Marta K.@lemmy.worldOP");

        assertThat(account.header().name()).isEqualTo("Marta K.");
        assertThat(account.header().instance()).isEqualTo("lemmy.world");
        assertThat(account.header().op()).isTrue();
        assertThat(account.header().who()).isEqualTo("Marta K.@lemmy.world");
        assertThat(Accounts.read("alice@lemmy.ml").header().handle()).isEqualTo("alice");
    }

    @Test
    void anOpenOldRedditThreadHasNoCountsSoTheParentLinkTellsRepliesAndTheGuessIsSaid() {
        // reddit.less hides .numchildren on open comments; only replies get a "parent" link.
        ThreadReading r = OldStyle.detecting().read(lines("""
                [–]ann Team Blue 5 points 2 hours ago
                Top.
                permalinkembedsavereportgive awardreply
                [–]bob 3 points 2 hours ago
                Reply.
                permalinkembedsaveparentreportgive awardreply
                [–]cy [score hidden] 1 hour ago
                Reply to reply, or to Top?
                permalinkembedsaveparentreportgive awardreply
                [–]dee[ S ] 1 point 1 hour ago
                New top.
                permalinkembedsavereportgive awardreply
                """));

        assertThat(r.format()).isEqualTo("reddit-old");
        assertThat(authors(r)).containsExactly("ann", "bob", "cy", "dee");
        assertThat(parents(r)).containsExactly(-1, 0, 1, -1);
        assertThat(r.comments().get(3).header().op()).isTrue();
        assertThat(r.comments().get(2).header().upvotes()).isNull();
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("1 reply was attached to the reply above"));
    }
}
