package org.speechforum.ingest.uploads.thread;

import java.util.List;
import java.util.Optional;

/** Every thread recogniser, most specific first, and the choice among their readings. */
public final class ThreadFormats {

    private static final List<ThreadFormat> ALL = List.of(new LemmyUi(), new LemmyUiLegacy(), OldStyle.mlmym(),
            OldStyle.oldReddit(), new RedditRedesign(), new HackerNews(), new Mastodon(), new Discourse(),
            new GenericThread());

    private ThreadFormats() {
    }

    public static List<String> names() {
        return java.util.stream.Stream.concat(ALL.stream().map(ThreadFormat::name), java.util.stream.Stream.of(LemmyUi.HEXBEAR))
                .toList();
    }

    /** The recogniser users name with {@code format=}; hexbear is read by the lemmy-ui recogniser. */
    public static Optional<ThreadFormat> named(String name) {
        String wanted = LemmyUi.HEXBEAR.equals(name) ? LemmyUi.NAME : name;
        return ALL.stream().filter(f -> f.name().equals(wanted)).findFirst();
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
