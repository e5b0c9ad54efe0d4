package org.speechforum.ingest.uploads.thread;

import java.util.List;
import java.util.Optional;

/** Every thread recogniser, most specific first, and the choice among their readings. */
public final class ThreadFormats {

    /** What detection runs; the old-style recogniser decides between mlmym and old Reddit by the page. */
    private static final List<ThreadFormat> ALL = List.of(new LemmyUi(), new LemmyUiLegacy(), OldStyle.detecting(),
            new RedditRedesign(), new HackerNews(), new Mastodon(), new Discourse(), new GenericThread());

    private ThreadFormats() {
    }

    public static List<String> names() {
        return List.of(LemmyUi.NAME, LemmyUi.HEXBEAR, LemmyUiLegacy.NAME, OldStyle.MLMYM, OldStyle.OLD_REDDIT,
                RedditRedesign.NAME, HackerNews.NAME, Mastodon.NAME, Discourse.NAME, GenericThread.NAME);
    }

    /** The recogniser users name with {@code format=}; hexbear is read by the lemmy-ui recogniser. */
    public static Optional<ThreadFormat> named(String name) {
        return switch (name) {
            case OldStyle.MLMYM -> Optional.of(OldStyle.mlmym());
            case OldStyle.OLD_REDDIT -> Optional.of(OldStyle.oldReddit());
            case LemmyUi.HEXBEAR -> Optional.of(new LemmyUi());
            default -> ALL.stream().filter(f -> f.name().equals(name)).findFirst();
        };
    }

    /** The reading with most comments among those that reach their recogniser's minimum; empty when none does. */
    public static Optional<ThreadReading> best(String[] lines) {
        ThreadReading best = null;
        for (ThreadFormat format : ALL) {
            ThreadReading reading = format.read(lines);
            if (reading.comments().size() >= format.minimumComments()
                    && (best == null || reading.comments().size() > best.comments().size())) {
                best = reading;
            }
        }
        return Optional.ofNullable(best);
    }
}
