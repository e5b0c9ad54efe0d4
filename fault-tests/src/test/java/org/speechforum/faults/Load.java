package org.speechforum.faults;

import org.speechforum.contracts.DocumentIds;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A steady stream of uniquely numbered canonical documents posted to ingest-service, one per request from a few
 * client threads, plus bursts (one request holding many documents). Remembers what the service answered for each
 * number: only a 202 means the document was accepted. Every {@value #INVALID_EVERY}th document lacks its text, so
 * the service must refuse it and it must never show up anywhere.
 */
final class Load implements AutoCloseable {

    static final int INVALID_EVERY = 25;
    /** The answer for a request that got no HTTP answer at all (connection refused, reset, timeout). */
    static final int NO_ANSWER = -1;

    final String scenario;
    final String source;
    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicInteger next = new AtomicInteger();
    private final Map<Integer, Integer> answers = new ConcurrentSkipListMap<>();
    private final Map<Integer, String> retryAfter = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final long pauseMillis;

    Load(String scenario, URI endpoint, int threads, long pauseMillis) {
        this.scenario = scenario;
        this.source = "fault-" + scenario;
        this.endpoint = endpoint;
        this.pauseMillis = pauseMillis;
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::loop, "load-" + scenario + "-" + i);
            t.setDaemon(true);
            this.threads.add(t);
        }
    }

    Load start() {
        running.set(true);
        threads.forEach(Thread::start);
        return this;
    }

    /** Stops the client threads after their current request has its answer. */
    void stop() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(60_000);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void loop() {
        while (running.get()) {
            int n = next.incrementAndGet();
            send(List.of(n));
            if (pauseMillis > 0) {
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** One request holding {@code count} valid documents, so the services get a big batch at once; its answer. */
    int burst(int count) {
        List<Integer> numbers = new ArrayList<>();
        while (numbers.size() < count) {
            int n = next.incrementAndGet();
            if (!invalid(n)) {
                numbers.add(n);
            } else {
                answers.put(n, 0); // never sent: neither accepted nor refused
            }
        }
        return send(numbers);
    }

    /**
     * {@code requests} requests of {@code documentsPerRequest} valid documents each, {@code parallel} at a time, all
     * as fast as possible: a flood. Returns how many requests got each status.
     */
    Map<Integer, Integer> flood(int requests, int documentsPerRequest, int parallel) throws InterruptedException {
        Map<Integer, Integer> statuses = new ConcurrentSkipListMap<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(parallel);
        for (int r = 0; r < requests; r++) {
            pool.submit(() -> {
                List<Integer> numbers = new ArrayList<>();
                synchronized (next) {
                    while (numbers.size() < documentsPerRequest) {
                        int n = next.incrementAndGet();
                        if (!invalid(n)) {
                            numbers.add(n);
                        } else {
                            answers.put(n, 0);
                        }
                    }
                }
                statuses.merge(send(numbers), 1, Integer::sum);
            });
        }
        pool.shutdown();
        pool.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES);
        return statuses;
    }

    private int send(List<Integer> numbers) {
        StringBuilder body = new StringBuilder(numbers.size() == 1 ? "" : "[");
        for (int i = 0; i < numbers.size(); i++) {
            body.append(i == 0 ? "" : ",").append(json(numbers.get(i)));
        }
        if (numbers.size() > 1) {
            body.append(']');
        }
        int status;
        String after = null;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .header("X-API-Key", FaultStack.API_KEY)
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            after = response.headers().firstValue("Retry-After").orElse(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = NO_ANSWER;
        } catch (Exception e) {
            status = NO_ANSWER;
        }
        for (int n : numbers) {
            answers.put(n, status);
            if (after != null) {
                retryAfter.put(n, after);
            }
        }
        return status;
    }

    static boolean invalid(int n) {
        return n % INVALID_EVERY == 0;
    }

    String externalId(int n) {
        return String.format("%s-%07d", scenario, n);
    }

    String id(int n) {
        return DocumentIds.of(source, externalId(n));
    }

    static String title(int n) {
        return "Fault test document " + n;
    }

    String text(int n) {
        return "Document number " + n + " of the " + scenario + " scenario. It says something worth keeping.";
    }

    private String json(int n) {
        String text = invalid(n) ? "" : ",\"text\":\"" + text(n) + "\"";
        return "{\"kind\":\"POST\",\"source\":\"" + source + "\",\"externalId\":\"" + externalId(n)
                + "\",\"title\":\"" + title(n) + "\",\"publishedAt\":\"2024-01-01T00:00:00Z\"" + text + "}";
    }

    /** Every number sent so far and the HTTP status it got (0: never sent, -1: no answer). */
    Map<Integer, Integer> answers() {
        return Map.copyOf(answers);
    }

    Map<Integer, String> retryAfter() {
        return Map.copyOf(retryAfter);
    }
}
