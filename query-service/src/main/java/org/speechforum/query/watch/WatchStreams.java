package org.speechforum.query.watch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The event streams this instance holds open, by watch. Each match read from {@code watches.matches.v1} goes to
 * every stream of its watch as an event {@code match} whose id is {@code <partition>-<offset>} on the topic
 * (all matches of a watch share its partition, the key being the watch id). The last {@code replay} events
 * of each watch stay in memory: a client reconnecting with {@code Last-Event-ID} gets what it missed from there,
 * preceded by an event {@code gap} when some may be older than that memory. A match id seen among them is not
 * sent twice. Each stream is written by its own virtual thread from a bounded queue, so a slow client never
 * holds up the others; one whose queue overflows is closed (it reconnects and resumes).
 */
@Component
class WatchStreams {

    private static final Logger log = LoggerFactory.getLogger(WatchStreams.class);
    private static final int QUEUE = 1000;

    record Event(int partition, long offset, String matchId, String json) {
        String id() {
            return partition + "-" + offset;
        }
    }

    private final WatchProperties properties;
    private final Map<String, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private final Map<String, Deque<Event>> recent = new HashMap<>();
    /** Per watch, the highest offset dropped from memory; per partition, where this instance began reading. */
    private final Map<String, Long> forgotten = new HashMap<>();
    private final Map<Integer, Long> feedStart = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("watch-heartbeat").factory());

    WatchStreams(WatchProperties properties, WatchRegistry registry) {
        this.properties = properties;
        long every = properties.heartbeat().toMillis();
        heartbeats.scheduleAtFixedRate(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
        registry.onDelete(this::closeWatch);
    }

    /** Too many streams are open on this instance. */
    static final class Full extends RuntimeException {
        Full(String message) {
            super(message);
        }
    }

    void feedStarted(Map<Integer, Long> positions) {
        feedStart.putAll(positions);
    }

    int open() {
        return open.get();
    }

    SseEmitter subscribe(String watchId, String lastEventId) {
        if (open.incrementAndGet() > properties.maxSubscribers()) {
            open.decrementAndGet();
            throw new Full("This instance holds " + properties.maxSubscribers() + " event streams already");
        }
        long timeout = properties.streamTimeout().toMillis();
        SseEmitter emitter = new SseEmitter(timeout);
        Subscriber subscriber = new Subscriber(watchId, emitter);
        emitter.onCompletion(() -> remove(subscriber));
        emitter.onTimeout(() -> {
            remove(subscriber);
            emitter.complete();
        });
        emitter.onError(e -> remove(subscriber));
        synchronized (this) {
            subscriber.offer(SseEmitter.event().comment("watching " + watchId));
            if (lastEventId != null && !lastEventId.isBlank()) {
                for (SseEmitter.SseEventBuilder missed : missed(watchId, lastEventId.strip())) {
                    subscriber.offer(missed);
                }
            }
            subscribers.computeIfAbsent(watchId, k -> ConcurrentHashMap.newKeySet()).add(subscriber);
        }
        subscriber.start();
        return emitter;
    }

    /** The events after {@code lastEventId}, preceded by {@code gap} when memory may not reach back to it. */
    private List<SseEmitter.SseEventBuilder> missed(String watchId, String lastEventId) {
        List<SseEmitter.SseEventBuilder> events = new ArrayList<>();
        String[] parts = lastEventId.split("-", 2);
        int partition;
        long offset;
        try {
            partition = Integer.parseInt(parts[0]);
            offset = Long.parseLong(parts[1]);
        } catch (RuntimeException e) {
            events.add(gap("Last-Event-ID " + (lastEventId.length() > 40 ? "" : lastEventId + " ")
                    + "is not an event id of this stream"));
            return events;
        }
        Deque<Event> kept = recent.getOrDefault(watchId, new ArrayDeque<>());
        long known = forgotten.containsKey(watchId) ? forgotten.get(watchId) + 1 : feedStart.getOrDefault(partition, 0L);
        if (offset + 1 < known) {
            events.add(gap("Events after " + lastEventId + " may have been missed; reload the matches"));
        }
        for (Event e : kept) {
            if (e.partition() != partition || e.offset() > offset) {
                events.add(match(e));
            }
        }
        return events;
    }

    /** A match read from the topic: kept for resuming, sent to the watch's streams (unless it is a repeat). */
    synchronized void deliver(String watchId, Event event) {
        Deque<Event> kept = recent.computeIfAbsent(watchId, k -> new ArrayDeque<>());
        for (Event e : kept) {
            if (e.matchId().equals(event.matchId())) {
                return;
            }
        }
        kept.addLast(event);
        while (kept.size() > properties.replay()) {
            Event dropped = kept.removeFirst();
            forgotten.merge(watchId, dropped.offset(), Math::max);
        }
        for (Subscriber s : subscribers.getOrDefault(watchId, Set.of())) {
            s.offer(match(event));
        }
    }

    /** The watch was deleted: its streams get an event {@code deleted} and are closed. */
    synchronized void closeWatch(String watchId) {
        recent.remove(watchId);
        forgotten.remove(watchId);
        Set<Subscriber> gone = subscribers.remove(watchId);
        if (gone != null) {
            for (Subscriber s : gone) {
                s.offer(SseEmitter.event().name("deleted").data("{\"watchId\":\"" + watchId + "\"}",
                        MediaType.APPLICATION_JSON));
                s.close();
            }
        }
    }

    private void heartbeat() {
        for (Set<Subscriber> set : subscribers.values()) {
            for (Subscriber s : set) {
                s.offer(SseEmitter.event().comment("keep-alive"));
            }
        }
    }

    private static SseEmitter.SseEventBuilder match(Event e) {
        return SseEmitter.event().id(e.id()).name("match").data(e.json(), MediaType.APPLICATION_JSON);
    }

    private static SseEmitter.SseEventBuilder gap(String message) {
        return SseEmitter.event().name("gap").data("{\"detail\":\"" + message.replace("\"", "'") + "\"}",
                MediaType.APPLICATION_JSON);
    }

    private void remove(Subscriber s) {
        Set<Subscriber> set = subscribers.get(s.watchId);
        boolean removed = set != null && set.remove(s);
        if (s.stop()) {
            open.decrementAndGet();
        }
        if (removed && set.isEmpty()) {
            subscribers.remove(s.watchId, set);
        }
    }

    /** One open stream: a bounded queue written out by its own virtual thread. */
    private final class Subscriber {
        private static final SseEmitter.SseEventBuilder CLOSE = SseEmitter.event();
        final String watchId;
        final SseEmitter emitter;
        final BlockingQueue<SseEmitter.SseEventBuilder> queue = new ArrayBlockingQueue<>(QUEUE);
        private volatile boolean stopped;
        private Thread writer;

        Subscriber(String watchId, SseEmitter emitter) {
            this.watchId = watchId;
            this.emitter = emitter;
        }

        void start() {
            writer = Thread.ofVirtual().name("watch-stream-" + watchId).start(this::write);
        }

        void offer(SseEmitter.SseEventBuilder event) {
            if (!stopped && !queue.offer(event)) {
                log.info("Closing a stream of watch {}: the client does not keep up", watchId);
                queue.clear();
                queue.offer(CLOSE);
            }
        }

        void close() {
            queue.offer(CLOSE);
        }

        /** @return true the first time */
        synchronized boolean stop() {
            if (stopped) {
                return false;
            }
            stopped = true;
            if (writer != null) {
                writer.interrupt();
            }
            return true;
        }

        private void write() {
            try {
                while (!stopped) {
                    SseEmitter.SseEventBuilder event = queue.take();
                    if (event == CLOSE) {
                        emitter.complete();
                        remove(this);
                        return;
                    }
                    emitter.send(event);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | IllegalStateException e) {
                // The client went away; the container completes the emitter.
                remove(this);
            }
        }
    }
}
